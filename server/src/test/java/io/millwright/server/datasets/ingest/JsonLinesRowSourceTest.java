package io.millwright.server.datasets.ingest;

import static io.millwright.server.datasets.ingest.Rows.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesRowSourceTest {

  @Test
  void readsObjectsQuarantinesBadLinesAndGrowsColumns() throws IOException {
    String jsonl =
        "{\"id\":1,\"name\":\"a\",\"price\":1.50,\"tags\":[\"x\", \"y\"],\"meta\":{\"k\": true}}\n"
            + "\n"
            + "[1,2]\n"
            + "{\"id\":2,\"name\":null,\"active\":false}\r\n"
            + "{\"id\":3, bad\n"
            + "{\"id\":4,\"id\":5}\n"
            + "{\"price\":-2e3,\"id\":6} {}\n";
    try (RowSource source = Rows.open(SourceFormat.JSONL, jsonl)) {
      assertThat(source.next())
          .isEqualTo(
              new SourceRow(1, cells("1", "a", "1.50", "[\"x\",\"y\"]", "{\"k\":true}"), null));
      assertThat(source.columns()).containsExactly("id", "name", "price", "tags", "meta");

      assertThat(source.next())
          .isEqualTo(
              new SourceRow(3, cells("[1,2]"), "line 3 is not a JSON object: it is an array"));

      assertThat(source.next())
          .isEqualTo(new SourceRow(4, cells("2", null, null, null, null, "false"), null));
      assertThat(source.columns()).containsExactly("id", "name", "price", "tags", "meta", "active");

      SourceRow bad = source.next();
      assertThat(bad.number()).isEqualTo(5);
      assertThat(bad.cells()).containsExactly("{\"id\":3, bad");
      assertThat(bad.problem()).startsWith("line 5 is not a JSON object: ");

      assertThat(source.next().problem())
          .isEqualTo("line 6 is not a JSON object: the key 'id' appears twice");
      assertThat(source.next().problem())
          .isEqualTo("line 7 is not a JSON object: there is more text after the object");
      assertThat(source.next()).isNull();

      assertThat(source.rowsRead()).isEqualTo(6);
      assertThat(source.blankLinesSkipped()).isEqualTo(1);
    }
  }

  @Test
  void cellsFollowColumnOrderNotKeyOrder() throws IOException {
    try (RowSource source = Rows.open(SourceFormat.JSONL, "{\"a\":1,\"b\":2}\n{\"b\":3,\"a\":4}")) {
      List<SourceRow> rows = Rows.readAll(source);
      assertThat(rows.get(1).cells()).containsExactly("4", "3");
    }
  }
}
