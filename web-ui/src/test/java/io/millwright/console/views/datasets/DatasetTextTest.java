package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetTextTest {

  @Test
  void nullRatesReadAsPercentages() {
    assertThat(DatasetText.percent(0)).isEqualTo("0.0 %");
    assertThat(DatasetText.percent(0.25)).isEqualTo("25.0 %");
    assertThat(DatasetText.percent(1.0 / 3)).isEqualTo("33.3 %");
  }

  @Test
  void ruleFailuresReadAsASentence() {
    Map<String, Long> failures = new LinkedHashMap<>();
    failures.put("kwh.number", 1L);
    failures.put("site.required", 2L);
    assertThat(DatasetText.ruleFailures(failures))
        .isEqualTo(
            "The write that made this version sent rows to quarantine: kwh.number: 1 row,"
                + " site.required: 2 rows.");
    assertThat(DatasetText.ruleFailures(Map.of())).contains("no rows");
  }

  @Test
  void columnNamesBecomeSafeIdParts() {
    assertThat(DatasetText.idPart("kwh")).isEqualTo("kwh");
    assertThat(DatasetText.idPart("read on/day")).isEqualTo("read_on_day");
  }
}
