package io.millwright.server.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How rows are shown to a reader who may not write the dataset: the values of columns flagged PII
 * are replaced by a mask. The one place the REST API and the console decide this, so they never
 * disagree about what a reader sees.
 */
public final class PiiMask {

  public static final String MASK = "•••";

  private PiiMask() {}

  /** Rows as the reader sees them, and which columns were masked (empty when none were). */
  public record Shown(List<Map<String, Object>> rows, List<String> maskedColumns) {}

  /**
   * @param seesPii whether the reader may see PII values (holds one of {@link Datasets#WRITERS})
   */
  public static Shown apply(DatasetContract contract, Datasets.Preview preview, boolean seesPii) {
    List<String> pii = contract.columns().stream().filter(Column::pii).map(Column::name).toList();
    if (seesPii || pii.isEmpty()) {
      return new Shown(preview.rows(), List.of());
    }
    List<Map<String, Object>> rows =
        preview.rows().stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>(r);
                  pii.forEach(c -> m.computeIfPresent(c, (k, v) -> MASK));
                  return m;
                })
            .toList();
    return new Shown(rows, pii);
  }
}
