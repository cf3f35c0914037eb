package io.millwright.connector.files;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A drop folder for tests: files are written with modification times an hour ago and one second
 * apart, so they are ready (past minAge) and their order is the order they were dropped in.
 */
final class Drop {

  static final FilesConnector CONNECTOR = new FilesConnector();

  final Path folder;
  private Instant clock = Instant.now().minus(Duration.ofHours(1));

  Drop(Path folder) {
    this.folder = folder;
  }

  Map<String, String> config(String... more) {
    Map<String, String> c = new HashMap<>();
    c.put("folder", folder.toString());
    c.put("minAge", "0s");
    for (int i = 0; i < more.length; i += 2) {
      c.put(more[i], more[i + 1]);
    }
    return c;
  }

  static TestContext context(Map<String, String> config) {
    return new TestContext(CONNECTOR.descriptor(), config);
  }

  Path text(String name, String content) throws IOException {
    return bytes(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Path text(String name, String content, Charset charset) throws IOException {
    return bytes(name, content.getBytes(charset));
  }

  Path bytes(String name, byte[] content) throws IOException {
    Path p = folder.resolve(name);
    Files.write(p, content);
    return aged(p);
  }

  /** A workbook built by the test, saved with POI's whole-workbook writer. */
  Path xlsx(String name, Consumer<Workbook> build) throws IOException {
    Path p = folder.resolve(name);
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      build.accept(wb);
      try (var out = Files.newOutputStream(p)) {
        wb.write(out);
      }
    }
    return aged(p);
  }

  /** Gives a file the next drop time. */
  Path aged(Path p) throws IOException {
    clock = clock.plusSeconds(1);
    Files.setLastModifiedTime(p, FileTime.from(clock));
    return p;
  }

  /** A CSV of orders with ids from..to. */
  static String orders(int from, int to) {
    StringBuilder sb = new StringBuilder("id,customer,total\n");
    for (int i = from; i <= to; i++) {
      sb.append(i).append(",customer ").append(i).append(',').append(i).append(".50\n");
    }
    return sb.toString();
  }

  /** What a poll loop read from an offset until the source said there is no more. */
  record Read(List<SourceRecord> records, Offset end, int polls) {
    List<String> ids() {
      return records.stream().map(r -> (String) r.values().get("id")).toList();
    }

    List<String> origins() {
      return records.stream().map(SourceRecord::origin).toList();
    }
  }

  static Read drain(PollingSource source, Offset from, int batch) throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    Offset at = from;
    for (int polls = 1; polls < 100_000; polls++) {
      Batch b = source.poll(at, batch);
      all.addAll(b.records());
      at = b.next();
      if (!b.more()) {
        return new Read(all, at, polls);
      }
    }
    throw new AssertionError("no end");
  }

  static List<String> ids(int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }
}
