package io.millwright.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiMaskTest {

  private final DatasetContract contract =
      DatasetContract.validate(
          new DatasetSpec(
              "customers",
              null,
              List.of(
                  ColumnSpec.of("site", "string"),
                  new ColumnSpec(
                      "email", "string", null, null, null, true, null, null, null, null, null)),
              null,
              null,
              null,
              null,
              null),
          Map.of());

  private final Datasets.Preview preview =
      new Datasets.Preview(
          7L,
          List.of("site", "email"),
          List.of(row("North", "ann@example.com"), row("South", null)),
          2);

  @Test
  void readersWhoMayNotWriteSeePiiMaskedAndAreToldWhichColumns() {
    PiiMask.Shown shown = PiiMask.apply(contract, preview, false);

    assertThat(shown.rows()).extracting(r -> r.get("email")).containsExactly(PiiMask.MASK, null);
    assertThat(shown.rows()).extracting(r -> r.get("site")).containsExactly("North", "South");
    assertThat(shown.maskedColumns()).containsExactly("email");
  }

  @Test
  void writersSeeTheValues() {
    PiiMask.Shown shown = PiiMask.apply(contract, preview, true);

    assertThat(shown.rows()).extracting(r -> r.get("email")).contains("ann@example.com");
    assertThat(shown.maskedColumns()).isEmpty();
  }

  private static Map<String, Object> row(String site, String email) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("site", site);
    row.put("email", email);
    return row;
  }
}
