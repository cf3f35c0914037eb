package io.millwright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantSlugTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"acme", "a1b", "acme-farms-2", "abcdefghijklmnopqrstuvwxyz0123456789abcd"})
  void acceptsLowercaseLettersDigitsAndInnerHyphens(String slug) {
    assertThat(new TenantSlug(slug).value()).isEqualTo(slug);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "Acme",
        "acme_farms",
        "-acme",
        "acme-",
        "acme farms",
        "ácme",
        "abcdefghijklmnopqrstuvwxyz0123456789abcde",
        "acme/../x"
      })
  void refusesAnythingElseWithTheRule(String slug) {
    assertThatThrownBy(() -> new TenantSlug(slug))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(TenantSlug.RULE);
  }

  @org.junit.jupiter.api.Test
  void refusesNull() {
    assertThat(TenantSlug.isValid(null)).isFalse();
  }
}
