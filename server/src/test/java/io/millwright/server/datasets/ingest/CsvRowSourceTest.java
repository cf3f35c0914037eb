package io.millwright.server.datasets.ingest;

import static io.millwright.server.datasets.ingest.Rows.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowSourceTest {

  /** BOM, ';' delimiter, a quoted newline, blank lines, a ragged row, European numbers. */
  static final String MESSY =
      "\uFEFFid;name;weight (kg);born;amount\n"
          + "1;\"Anna\nSmith\";12,5 kg;01.03.2024;1.234,50\n"
          + "\n"
          + "2;Bob;3 lb;2024-03-02;\"2.000\"\n"
          + "3; Cara ;;13/03/2024;12abc\n"
          + "   \n"
          + "4;Dan;7;Mar 4, 2024;5;extra\n";

  @Test
  void readsMessyEuropeanExport() throws IOException {
    try (RowSource source = Rows.open(SourceFormat.CSV, MESSY)) {
      assertThat(source.columns()).containsExactly("id", "name", "weight (kg)", "born", "amount");
      List<SourceRow> rows = Rows.readAll(source);

      assertThat(rows)
          .containsExactly(
              new SourceRow(
                  2, cells("1", "Anna\nSmith", "12,5 kg", "01.03.2024", "1.234,50"), null),
              new SourceRow(5, cells("2", "Bob", "3 lb", "2024-03-02", "2.000"), null),
              new SourceRow(6, cells("3", " Cara ", "", "13/03/2024", "12abc"), null),
              new SourceRow(
                  8,
                  cells("4", "Dan", "7", "Mar 4, 2024", "5", "extra"),
                  "row has 6 cells but the header has 5"));
      assertThat(source.rowsRead()).isEqualTo(4);
      assertThat(source.blankLinesSkipped()).isEqualTo(2);
      assertThat(source.bytesRead()).isEqualTo(MESSY.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void shortRowIsBrokenToo() throws IOException {
    try (RowSource source = Rows.open(SourceFormat.CSV, "a,b,c\r\n1,2\r\n4,5,6\r\n")) {
      assertThat(Rows.readAll(source))
          .containsExactly(
              new SourceRow(2, cells("1", "2"), "row has 2 cells but the header has 3"),
              new SourceRow(3, cells("4", "5", "6"), null));
    }
  }

  @Test
  void detectsTabAndPipeAndHonoursGivenDelimiter() throws IOException {
    try (RowSource tab = Rows.open(SourceFormat.CSV, "a\tb, c\td\n1\t2,5\t3\n")) {
      assertThat(tab.columns()).containsExactly("a", "b, c", "d");
      assertThat(tab.next().cells()).containsExactly("1", "2,5", "3");
    }
    // A tie goes to ',' as the most common delimiter.
    try (RowSource tie = Rows.open(SourceFormat.CSV, "a\tb,c\n1\t2,3\n")) {
      assertThat(tie.columns()).containsExactly("a\tb", "c");
    }
    try (RowSource pipe = Rows.open(SourceFormat.CSV, "\"x|y\"|b|c\n1|2|3\n")) {
      assertThat(pipe.columns()).containsExactly("x|y", "b", "c");
    }
    byte[] bytes = "a;b,c\n1;2,3\n".getBytes(StandardCharsets.UTF_8);
    try (RowSource given = Rows.open(SourceFormat.CSV, bytes, new SourceOptions(',', null, 0))) {
      assertThat(given.columns()).containsExactly("a;b", "c");
    }
  }

  @Test
  void blankLinesBeforeTheHeaderAreSkippedAndCounted() throws IOException {
    try (RowSource source = Rows.open(SourceFormat.CSV, "\n\nname , age\nann,3")) {
      assertThat(source.columns()).containsExactly("name", "age");
      assertThat(Rows.readAll(source)).containsExactly(new SourceRow(4, cells("ann", "3"), null));
      assertThat(source.blankLinesSkipped()).isEqualTo(2);
    }
  }

  @Test
  void duplicateHeaderIsRejectedWithTheColumns() {
    assertThatThrownBy(() -> Rows.open(SourceFormat.CSV, "id,name, id\n1,a,2\n"))
        .isInstanceOf(MalformedSourceException.class)
        .hasMessage("the header 'id' appears in columns 1 and 3; column names must be unique");
  }

  @Test
  void emptyHeaderIsRejected() {
    assertThatThrownBy(() -> Rows.open(SourceFormat.CSV, "id,,name\n1,2,3\n"))
        .isInstanceOf(MalformedSourceException.class)
        .hasMessage("the header of column 2 is empty; every column needs a name");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> Rows.open(SourceFormat.CSV, "\n \n"))
        .isInstanceOf(MalformedSourceException.class)
        .hasMessageContaining("the file is empty");
  }

  @Test
  void nonUtf8BytesAreRejectedRatherThanGarbled() {
    byte[] latin1 = "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(
            () -> {
              try (RowSource source =
                  Rows.open(SourceFormat.CSV, latin1, SourceOptions.defaults())) {
                Rows.readAll(source);
              }
            })
        .isInstanceOf(MalformedSourceException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void unterminatedQuoteIsMalformed() {
    assertThatThrownBy(
            () -> {
              try (RowSource source = Rows.open(SourceFormat.CSV, "a,b\n1,\"open\n2,3\n")) {
                Rows.readAll(source);
              }
            })
        .isInstanceOf(MalformedSourceException.class)
        .hasMessageStartingWith("the file is not valid CSV: ");
  }
}
