package io.millwright.server.datasets.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers for reading whole (small) sources. */
final class Rows {

  private Rows() {}

  static List<SourceRow> readAll(RowSource source) throws IOException {
    List<SourceRow> rows = new ArrayList<>();
    SourceRow row;
    while ((row = source.next()) != null) {
      rows.add(row);
    }
    return rows;
  }

  static RowSource open(SourceFormat format, String text) throws IOException {
    return open(format, text.getBytes(StandardCharsets.UTF_8), SourceOptions.defaults());
  }

  static RowSource open(SourceFormat format, byte[] bytes, SourceOptions options)
      throws IOException {
    return RowSources.open(format, new ByteArrayInputStream(bytes), options);
  }

  /** A list that may hold nulls, for comparing cells. */
  static List<String> cells(String... values) {
    return Arrays.asList(values);
  }
}
