package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.QuarantineRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineCorrectionsTest {

  private final QuarantineRow notANumber =
      new QuarantineRow(
          7, "u-1", 3, "kwh.number", "not a number", raw("South", "2026-11-01", "not a number"));
  private final QuarantineRow noSite =
      new QuarantineRow(8, "u-1", 6, "site.required", "required", raw("", "2026-11-03", "3"));

  @Test
  void onlyChangedCellsAreSentAndUneditedRowsReplayAsTheyAre() {
    QuarantineCorrections corrections = new QuarantineCorrections();
    corrections.edit(notANumber, raw("South", "2026-11-01", "9.5"));

    assertThat(corrections.forReplay(List.of(notANumber, noSite)))
        .containsExactly(Map.entry(7L, Map.of("kwh", "9.5")), Map.entry(8L, Map.of()));
    assertThat(corrections.edited(notANumber)).isTrue();
    assertThat(corrections.edited(noSite)).isFalse();
    assertThat(corrections.shown(notANumber)).containsEntry("kwh", "9.5");
  }

  @Test
  void editingBackToTheUploadedValuesForgetsTheCorrection() {
    QuarantineCorrections corrections = new QuarantineCorrections();
    corrections.edit(notANumber, raw("South", "2026-11-01", "9.5"));
    corrections.edit(notANumber, raw("South", "2026-11-01", "not a number"));

    assertThat(corrections.edited(notANumber)).isFalse();
    assertThat(corrections.forReplay(List.of(notANumber))).containsEntry(7L, Map.of());
  }

  @Test
  void aMissingUploadedValueAndAnEmptyFieldAreTheSame() {
    QuarantineRow withNull = new QuarantineRow(9, "u-1", 2, "r", "r", new LinkedHashMap<>());
    withNull.raw().put("site", null);
    QuarantineCorrections corrections = new QuarantineCorrections();
    corrections.edit(withNull, Map.of("site", ""));

    assertThat(corrections.edited(withNull)).isFalse();
  }

  private static Map<String, String> raw(String site, String readOn, String kwh) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("site", site);
    m.put("read_on", readOn);
    m.put("kwh", kwh);
    return m;
  }
}
