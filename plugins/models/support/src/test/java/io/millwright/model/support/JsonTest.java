package io.millwright.model.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void everyDoubleAndStringComesBackExactly() {
    double[] doubles = {0.1, 1.0 / 3, -2.5e-300, 1.7976931348623157e308, Math.PI * 1e9, -0.0};
    Map<String, Object> root = new LinkedHashMap<>();
    for (int i = 0; i < doubles.length; i++) {
      root.put("d" + i, doubles[i]);
    }
    root.put("s", "tab\t quote\" back\\ slash / \u2603 \ud83d\ude00 \u0000");
    root.put("list", List.of(1, 2L, true, "x"));
    root.put("nested", List.of(Map.of("k", List.of()), Map.of()));
    root.put("nothing", null);
    Object back = Json.read(Json.write(root));
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) back;
    for (int i = 0; i < doubles.length; i++) {
      assertThat(Double.doubleToRawLongBits((Double) map.get("d" + i)))
          .isEqualTo(Double.doubleToRawLongBits(doubles[i]));
    }
    assertThat(map.get("s")).isEqualTo(root.get("s"));
    assertThat(map.get("list")).isEqualTo(List.of(1L, 2L, true, "x"));
    assertThat(map.get("nested")).isEqualTo(List.of(Map.of("k", List.of()), Map.of()));
    assertThat(map).containsEntry("nothing", null);
    assertThat(Json.write(back)).isEqualTo(Json.write(root));
  }

  @Test
  void brokenJsonSaysWhere() {
    assertThatThrownBy(() -> Json.read("{\"a\": [1, 2}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character 11");
    assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
