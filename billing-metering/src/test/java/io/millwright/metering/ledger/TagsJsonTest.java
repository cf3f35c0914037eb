package io.millwright.metering.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsJsonTest {

  @Test
  void writesNoTagsAsAnEmptyObject() {
    assertThat(TagsJson.write(Map.of())).isEqualTo("{}");
  }

  @Test
  void writesEveryTagOnce() {
    String json = TagsJson.write(Map.of("region", "eu", "gpu", "a100"));

    assertThat(json)
        .isIn("{\"region\":\"eu\",\"gpu\":\"a100\"}", "{\"gpu\":\"a100\",\"region\":\"eu\"}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(TagsJson.write(Map.of("k\"ey", "a\\b\nc\td\u0001é")))
        .isEqualTo("{\"k\\\"ey\":\"a\\\\b\\nc\\td\\u0001é\"}");
  }
}
