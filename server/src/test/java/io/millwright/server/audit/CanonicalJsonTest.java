package io.millwright.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsKeysSoEqualDetailsGiveEqualText() {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("b", 1);
    one.put("a", List.of("x", true));
    Map<String, Object> two = new LinkedHashMap<>();
    two.put("a", List.of("x", true));
    two.put("b", 1);
    assertThat(CanonicalJson.write(one))
        .isEqualTo(CanonicalJson.write(two))
        .isEqualTo("{\"a\":[\"x\",true],\"b\":1}");
  }

  @Test
  void escapesStrings() {
    assertThat(CanonicalJson.write(Map.of("k", "quote\" back\\ nl\n tab\t bell\u0007")))
        .isEqualTo("{\"k\":\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007\"}");
  }

  @Test
  void writesNullsAndNestedMaps() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", null);
    assertThat(CanonicalJson.write(Map.of("o", inner))).isEqualTo("{\"o\":{\"z\":null}}");
  }
}
