package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.DatasetColumn;
import io.millwright.console.ports.SqlAnswer;
import io.millwright.console.ports.SqlTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void theExampleQueriesTheFirstDatasetOrExplainsHowToGetOne() {
    SqlTable readings =
        new SqlTable(
            "meter_readings", List.of(new DatasetColumn("site", "string", null, null, false, "")));
    assertThat(SqlText.example(List.of(readings))).contains("from meter_readings");
    assertThat(SqlText.example(List.of()).lines()).allMatch(line -> line.startsWith("--"));
  }

  @Test
  void theStatusLineCountsRowsTimeBytesAndNamesTheVersionsRead() {
    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put("meter_readings", 6042L);
    versions.put("empty_one", null);
    SqlAnswer answer =
        new SqlAnswer(
            List.of("site"),
            List.of("varchar"),
            List.of(List.of("East"), List.of("North"), List.of("West")),
            false,
            Collections.unmodifiableMap(versions),
            2_500_000,
            1234,
            false);
    assertThat(SqlText.status(answer, 1000))
        .isEqualTo(
            "3 rows · 1,234 ms · 2.50 MB scanned · meter_readings version 6042,"
                + " empty_one (no version yet)");
  }

  @Test
  void aTruncatedOrMaskedAnswerSaysSo() {
    SqlAnswer answer =
        new SqlAnswer(
            List.of("n"), List.of("bigint"), List.of(List.of("1")), true, Map.of(), 0, 3, true);
    assertThat(SqlText.status(answer, 1000))
        .isEqualTo(
            "1 row · 3 ms · 0 MB scanned · no datasets read · showing the first 1,000 rows"
                + " · personal data masked for your role");
  }

  @Test
  void megabytesNeverRoundASmallScanDownToNothing() {
    assertThat(SqlText.megabytes(1_234)).isEqualTo("< 0.01 MB");
    assertThat(SqlText.megabytes(123_456_789)).isEqualTo("123.5 MB");
    assertThat(SqlText.megabytes(12_345_678_901L)).isEqualTo("12,346 MB");
  }

  @Test
  void numbersAreRecognisedByTheirDuckDbType() {
    assertThat(SqlText.numeric("decimal(18,3)")).isTrue();
    assertThat(SqlText.numeric("BIGINT")).isTrue();
    assertThat(SqlText.numeric("double")).isTrue();
    assertThat(SqlText.numeric("varchar")).isFalse();
    assertThat(SqlText.numeric("date")).isFalse();
    assertThat(SqlText.numeric(null)).isFalse();
  }
}
