package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void whitespaceIsAllowedWhereverTheGrammarAllowsIt() throws Exception {
    Object v = Json.parse(" \r\n\t{ \"a\" :\n[ 1 , 2 ] ,\"b\":{ } , \"c\" : [ ] }\n ");
    assertThat(v).isEqualTo(Map.of("a", List.of(1L, 2L), "b", Map.of(), "c", List.of()));
  }

  @Test
  void numbersKeepEveryDigit() throws Exception {
    assertThat(Json.parse("0")).isEqualTo(0L);
    assertThat(Json.parse("-12")).isEqualTo(-12L);
    assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(Json.parse("21.5")).isEqualTo(21.5);
    assertThat(Json.parse("-0.25e2")).isEqualTo(-25.0);
    assertThat(Json.parse("0.1")).isEqualTo(0.1);
    assertThat(Json.parse("3.141592653589793238462643383279"))
        .isEqualTo(new BigDecimal("3.141592653589793238462643383279"));
    assertThat(Json.parse("1e400")).isEqualTo(new BigDecimal("1e400"));
  }

  @Test
  void stringsAndEscapes() throws Exception {
    assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\""))
        .isEqualTo("a\"b\\c/d\b\f\n\r\té😀");
    assertThat(Json.parse("\"Zürich ☃\"")).isEqualTo("Zürich ☃");
  }

  @Test
  void aRepeatedKeyKeepsItsLastValueAndKeyOrderIsKept() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Json.parse("{\"z\":1,\"a\":2,\"z\":3}");
    assertThat(m.keySet()).containsExactly("z", "a");
    assertThat(m.get("z")).isEqualTo(3L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "{\"a\":1,}",
        "[1,2,]",
        "{'a':1}",
        "{a:1}",
        "{\"a\" 1}",
        "01",
        "1.",
        ".5",
        "-",
        "1e",
        "+1",
        "NaN",
        "Infinity",
        "tru",
        "nul",
        "\"unclosed",
        "\"bad \\x escape\"",
        "\"\\u12\"",
        "\"tab\tinside\"",
        "{} {}",
        "{\"a\":1} // comment",
        "[1 2]",
        "{\"a\":1 \"b\":2}"
      })
  void whatIsNotJsonIsRefusedWithAPosition(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(Json.ParseException.class)
        .hasMessageStartingWith("not JSON: ");
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nested deeper");
  }

  @Test
  void writesCompactJsonThatParsesBack() throws Exception {
    Object v = Json.parse("[1, 2.5, \"a\\\"\\n\", true, null, {\"k\": [ ]}, 1e400]");
    String text = Json.write(v);
    assertThat(text).isEqualTo("[1,2.5,\"a\\\"\\n\",true,null,{\"k\":[]},1E+400]");
    assertThat(Json.parse(text)).isEqualTo(v);
  }
}
