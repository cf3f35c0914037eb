package io.millwright.connector.files;

import static io.millwright.connector.files.Drop.CONNECTOR;
import static io.millwright.connector.files.Drop.context;
import static io.millwright.connector.files.Drop.drain;
import static io.millwright.connector.files.Drop.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.MovableClock;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's life in the folder: written, read, resumed after a crash, moved to done. */
class LifecycleTest {

  @TempDir Path folder;

  @Test
  void aFileStillBeingWrittenIsNotReadBeforeItHasBeenQuietForMinAge() throws Exception {
    Drop drop = new Drop(folder);
    Path file = folder.resolve("orders.csv");
    Files.writeString(file, "id,customer,total\n1,a,1.00\n2,b,"); // half a line so far
    TestContext context = context(drop.config("minAge", "3s"));
    try (PollingSource source = CONNECTOR.openPolling(context)) {
      Batch b = source.poll(null, 100);
      assertThat(b.records()).isEmpty();
      assertThat(b.more()).isFalse();
      assertThat(context.statusLines()).last().asString().startsWith("waiting for orders.csv");

      Files.writeString(file, "2.00\n3,c,3.00\n", StandardOpenOption.APPEND);
      assertThat(source.poll(null, 100).records()).as("still changing").isEmpty();

      // The writer is done and the file has been quiet for longer than minAge.
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(4)));
      assertThat(drain(source, null, 100).ids()).containsExactly("1", "2", "3");
    }
  }

  @Test
  void aQuietFileIsReadOnceMinAgeHasReallyPassed() throws Exception {
    // The connector's clock is moved instead of the test waiting: the boundary is exact.
    MovableClock clock = new MovableClock();
    Path file = folder.resolve("late.csv");
    Files.writeString(file, Drop.orders(1, 2));
    Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    try (PollingSource source =
        new FilesConnector(clock).openPolling(context(new Drop(folder).config("minAge", "1s")))) {
      assertThat(drain(source, null, 10).ids()).as("just written").isEmpty();
      clock.advance(Duration.ofMillis(900));
      assertThat(drain(source, null, 10).ids()).as("quiet for 0.9 s of 1 s").isEmpty();
      clock.advance(Duration.ofMillis(200));
      assertThat(drain(source, null, 10).ids()).containsExactly("1", "2");
    }
  }

  @Test
  void filesAreReadOldestFirstOneAtATime() throws Exception {
    Drop drop = new Drop(folder);
    Path b = drop.text("b.csv", Drop.orders(1, 3));
    Path a = drop.text("a.csv", Drop.orders(4, 5));
    Files.setLastModifiedTime(
        a, FileTime.from(Files.getLastModifiedTime(b).toInstant().plusSeconds(5)));
    drop.text("c.xlsx.tmp", "ignored: not matching");
    drop.text(".hidden.csv", Drop.orders(99, 99));
    drop.text("~$lock.csv", Drop.orders(98, 98));
    try (PollingSource source = CONNECTOR.openPolling(context(drop.config()))) {
      Batch first = source.poll(null, 100);
      assertThat(first.records())
          .extracting(SourceRecord::origin)
          .allMatch(o -> o.startsWith("b.csv"));
      assertThat(first.more()).as("a.csv is next").isTrue();
      assertThat(drain(source, first.next(), 100).ids()).containsExactly("4", "5");
    }
  }

  @Test
  void aCrashInTheMiddleOfAFileResumesWithTheRemainingRowsExactlyOnce() throws Exception {
    Drop drop = new Drop(folder);
    StringBuilder csv = new StringBuilder("id,customer,note\n");
    for (int i = 1; i <= 1000; i++) {
      csv.append(i).append(",customer ").append(i).append(',');
      csv.append(i % 7 == 0 ? "\"two\nlines, " + i + "\"" : "plain").append('\n');
    }
    drop.text("orders.csv", csv.toString());
    Path xlsx = folder.resolve("orders.xlsx");
    drop.xlsx(
        "orders.xlsx",
        wb -> {
          Sheet s = wb.createSheet("Orders");
          s.createRow(0).createCell(0).setCellValue("id");
          for (int i = 1001; i <= 1500; i++) {
            Row r = s.createRow(i - 1000);
            r.createCell(0).setCellValue(i);
          }
        });
    assertThat(xlsx).exists();

    List<String> committed = new ArrayList<>();
    Offset offset = null;
    // First life: three batches committed, a fourth read but not committed, then the crash.
    PollingSource first = CONNECTOR.openPolling(context(drop.config()));
    for (int i = 0; i < 3; i++) {
      Batch b = first.poll(offset, 300);
      committed.addAll(ids(b));
      offset = b.next();
    }
    Batch lost = first.poll(offset, 300);
    assertThat(lost.records()).hasSize(100); // the rest of the CSV, never committed
    first.close();
    assertThat(offset.value()).contains("\"file\":\"orders.csv\"", "\"row\":900,\"done\":false");

    // Second life: from the last committed offset, through the CSV's end and the whole XLSX,
    // with a crash inside the XLSX too.
    PollingSource second = CONNECTOR.openPolling(context(drop.config()));
    Batch b = second.poll(offset, 300);
    assertThat(ids(b)).isEqualTo(ids(lost));
    committed.addAll(ids(b));
    offset = b.next();
    second.committed(offset);
    b = second.poll(offset, 200);
    committed.addAll(ids(b));
    offset = b.next();
    second.close();

    try (PollingSource third = CONNECTOR.openPolling(context(drop.config()))) {
      var rest = drain(third, offset, 120);
      committed.addAll(rest.ids());
      third.committed(rest.end());
    }
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 1500; i++) {
      expected.add(Integer.toString(i));
    }
    assertThat(committed).isEqualTo(expected);
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("done");
    }
    assertThat(folder.resolve("done/orders.csv")).exists();
    assertThat(folder.resolve("done/orders.xlsx")).exists();
  }

  @Test
  void committedMovesTheFinishedFileAndIsIdempotent() throws Exception {
    Drop drop = new Drop(folder);
    Path file = drop.text("orders.csv", Drop.orders(1, 2));
    try (PollingSource source = CONNECTOR.openPolling(context(drop.config()))) {
      var read = drain(source, null, 100);
      assertThat(read.end().value()).contains("\"done\":true");
      source.committed(read.end());
      assertThat(file).doesNotExist();
      assertThat(folder.resolve("done/orders.csv")).hasContent(Drop.orders(1, 2));
      source.committed(read.end()); // again, as after a crash: already moved
      assertThat(folder.resolve("done/orders-2.csv")).doesNotExist();

      // A new file of the same name: a stale commit must not move it, the next read takes it.
      drop.text("orders.csv", Drop.orders(3, 4));
      source.committed(read.end());
      assertThat(file).exists();
      var again = drain(source, read.end(), 100);
      assertThat(again.ids()).containsExactly("3", "4");
      source.committed(again.end());
      assertThat(folder.resolve("done/orders-2.csv")).hasContent(Drop.orders(3, 4));

      Files.delete(folder.resolve("done/orders-2.csv"));
      source.committed(again.end()); // gone from both places: nothing to do
    }
  }

  @Test
  void aFinishedFileWhoseMoveDidNotHappenIsNotReadTwiceAndMovesWithTheNextCommit()
      throws Exception {
    Drop drop = new Drop(folder);
    drop.text("a.csv", Drop.orders(1, 2));
    drop.text("b.csv", Drop.orders(3, 4));
    drop.text("c.csv", "id,customer,total\n"); // no rows
    drop.text("d.csv", Drop.orders(5, 5));
    try (PollingSource source =
        CONNECTOR.openPolling(context(drop.config("doneFolder", "archive")))) {
      Batch a = source.poll(null, 100);
      // committed(a) never came (the host crashed after its commit): a.csv is still there.
      Batch b = source.poll(a.next(), 100);
      assertThat(ids(b)).containsExactly("3", "4");
      assertThat(b.next().value()).contains("\"finished\":[{\"file\":\"a.csv\"");
      Batch d = source.poll(b.next(), 100);
      assertThat(ids(d))
          .as("c.csv has no rows, d.csv follows in the same poll")
          .containsExactly("5");
      assertThat(source.poll(d.next(), 100).records()).isEmpty();
      source.committed(d.next());
      try (Stream<Path> archived = Files.list(folder.resolve("archive"))) {
        assertThat(archived.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("a.csv", "b.csv", "c.csv", "d.csv");
      }
      assertThat(source.poll(d.next(), 100).next().value()).isEqualTo(d.next().value());
    }
  }

  @Test
  void aBrokenLineIsQuarantinedAndTheFileStillFinishesAndMoves() throws Exception {
    Drop drop = new Drop(folder);
    drop.text("orders.csv", "id,customer,total\n1,a,1\n2;b;2\n3,c,3\n");
    try (PollingSource source = CONNECTOR.openPolling(context(drop.config()))) {
      var read = drain(source, null, 100);
      assertThat(read.records()).hasSize(3);
      assertThat(read.records().get(1).isUnreadable()).isTrue();
      assertThat(read.records().get(1).raw()).isEqualTo("2;b;2");
      assertThat(read.records().get(1).origin()).isEqualTo("orders.csv line 3");
      assertThat(read.end().value()).contains("\"row\":3,\"done\":true");
      source.committed(read.end());
      assertThat(folder.resolve("done/orders.csv")).exists();
    }
  }

  @Test
  void checkDescribesTheFolderAndFailsClearlyWithoutOne() throws Exception {
    Drop drop = new Drop(folder);
    assertThat(CONNECTOR.check(context(drop.config())).summary())
        .isEqualTo(folder + ": no file matches *.{csv,xlsx} yet");
    drop.text("orders.csv", Drop.orders(1, 9));
    Files.writeString(folder.resolve("fresh.csv"), Drop.orders(1, 1));
    var check = CONNECTOR.check(context(drop.config("minAge", "30m")));
    assertThat(check.summary())
        .isEqualTo(
            folder
                + ": 2 files match *.{csv,xlsx}, 1 still being written; the next to read is orders.csv (180 bytes), columns id, customer, total");
    assertThat(check.sample()).hasSize(5);
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.millwright.plugin.api.connector.ConnectorException.class,
            () -> CONNECTOR.check(context(drop.config("folder", "relative/path"))));
    assertThat(e.getMessage()).startsWith("Folder must be an absolute path");
  }

  private static List<String> ids(Batch b) {
    return b.records().stream().map(r -> (String) r.values().get("id")).toList();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
