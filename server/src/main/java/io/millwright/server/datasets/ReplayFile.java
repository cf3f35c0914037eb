package io.millwright.server.datasets;

import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Quarantined rows, with a person's corrections, as a CSV file the ordinary upload path reads
 * again: the header is every source column the rows have, in the order first seen.
 */
final class ReplayFile {

  /** Cells were kept as read; how to read them again is the upload's default. */
  static final ParseOptions PARSE = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));

  /** Extra cells of a ragged row were kept as "column 7": not a column to bring back. */
  private static final Pattern EXTRA_CELL = Pattern.compile("column \\d+");

  private ReplayFile() {}

  static byte[] of(List<Quarantine.Entry> rows, Map<Long, Map<String, String>> corrections) {
    Set<String> header = new LinkedHashSet<>();
    List<Map<String, String>> values = new ArrayList<>();
    for (Quarantine.Entry row : rows) {
      Map<String, String> cells = new java.util.LinkedHashMap<>(row.raw());
      Map<String, String> fix = corrections.getOrDefault(row.id(), Map.of());
      cells.putAll(fix);
      cells.keySet().removeIf(k -> EXTRA_CELL.matcher(k).matches() && !fix.containsKey(k));
      header.addAll(cells.keySet());
      values.add(cells);
    }
    StringWriter out = new StringWriter();
    try (CSVPrinter csv =
        CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(out)) {
      for (Map<String, String> cells : values) {
        List<String> line = new ArrayList<>();
        for (String column : header) {
          line.add(cells.get(column));
        }
        csv.printRecord(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
