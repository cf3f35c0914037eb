package io.millwright.server.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowSourcesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "text/csv; charset=utf-8 | data.bin | CSV",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet | - | XLSX",
        "application/x-ndjson | - | JSONL",
        "application/jsonl | x.csv | JSONL",
        "application/octet-stream | Export.TSV | CSV",
        "- | notes.txt | CSV",
        "- | book.xlsx | XLSX",
        "- | events.ndjson | JSONL",
        "- | events.jsonl | JSONL",
      })
  void recognizesFormats(String contentType, String fileName, SourceFormat expected) {
    assertThat(SourceFormat.of(contentType, fileName)).contains(expected);
  }

  @Test
  void unknownFormatIsEmpty() {
    assertThat(SourceFormat.of("application/pdf", "report.pdf")).isEqualTo(Optional.empty());
    assertThat(SourceFormat.of(null, null)).isEmpty();
  }

  @Test
  void csvOverTheLimitStops() {
    byte[] csv = ("a,b\n" + "1,2\n".repeat(500)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> {
              try (RowSource source =
                  Rows.open(SourceFormat.CSV, csv, new SourceOptions(null, null, 1000))) {
                Rows.readAll(source);
              }
            })
        .isInstanceOf(SourceTooLargeException.class)
        .hasMessage("the file is larger than the limit of 1000 bytes");
  }

  @Test
  void exactlyAtTheLimitIsAllowed() throws IOException {
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    try (RowSource source =
        Rows.open(SourceFormat.CSV, csv, new SourceOptions(null, null, csv.length))) {
      assertThat(Rows.readAll(source)).hasSize(1);
      assertThat(source.bytesRead()).isEqualTo(8);
    }
  }

  @Test
  void jsonlOverTheLimitStops() {
    byte[] jsonl = "{\"a\":1}\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> {
              try (RowSource source =
                  Rows.open(SourceFormat.JSONL, jsonl, new SourceOptions(null, null, 20_000))) {
                Rows.readAll(source);
              }
            })
        .isInstanceOf(SourceTooLargeException.class)
        .satisfies(e -> assertThat(((SourceTooLargeException) e).limit()).isEqualTo(20_000));
  }

  @Test
  void xlsxOverTheLimitStopsWhileSpooling() throws IOException {
    byte[] xlsx = XlsxRowSourceTest.workbook();
    assertThatThrownBy(
            () -> Rows.open(SourceFormat.XLSX, xlsx, new SourceOptions(null, null, 1024)))
        .isInstanceOf(SourceTooLargeException.class)
        .hasMessage("the file is larger than the limit of 1024 bytes");
  }
}
