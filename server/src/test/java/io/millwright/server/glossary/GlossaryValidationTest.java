package io.millwright.server.glossary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.server.platform.rest.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlossaryValidationTest {

  @Test
  void typesAcceptOnlyTheirValues() {
    assertThat(DataType.INTEGER.accepts("42")).isTrue();
    assertThat(DataType.INTEGER.accepts("4.2")).isFalse();
    assertThat(DataType.DECIMAL.accepts("4.2")).isTrue();
    assertThat(DataType.BOOLEAN.accepts("TRUE")).isTrue();
    assertThat(DataType.BOOLEAN.accepts("yes")).isFalse();
    assertThat(DataType.DATE.accepts("2026-11-29")).isTrue();
    assertThat(DataType.DATE.accepts("29/11/2026")).isFalse();
    assertThat(DataType.TIMESTAMP.accepts("2026-11-29T10:00:00Z")).isTrue();
  }

  @Test
  void aGoodDefinitionPassesWithDuplicatesRemoved() {
    var valid =
        Glossary.validate(
            new TermDefinition(
                "customer_tier",
                " Service level ",
                "string",
                "",
                List.of("gold", "silver", "gold")),
            null);
    assertThat(valid.definition()).isEqualTo("Service level");
    assertThat(valid.unit()).isNull();
    assertThat(valid.allowedValues()).containsExactly("gold", "silver");
  }

  @Test
  void namesEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                Glossary.validate(
                    new TermDefinition("Bad Term", "", "money", "x".repeat(40), List.of()), null))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(400);
              assertThat(
                      ((Map<?, ?>) e.problem().extensions().get("errors"))
                          .keySet().stream().map(String::valueOf).toList())
                  .containsExactlyInAnyOrder("term", "definition", "dataType", "unit");
            });
  }

  @Test
  void allowedValuesMustBeOfTheType() {
    assertThatThrownBy(
            () ->
                Glossary.validate(
                    new TermDefinition(
                        "line_speed", "Speed", "decimal", "m/min", List.of("1.5", "fast")),
                    null))
        .hasMessageContaining("'fast' is not a decimal value");
  }

  @Test
  void aTermCannotBeRenamedByAnUpdate() {
    assertThatThrownBy(
            () ->
                Glossary.validate(
                    new TermDefinition("other", "x", "string", null, null), "line_speed"))
        .hasMessageContaining("cannot be renamed");
  }
}
