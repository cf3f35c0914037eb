package io.millwright.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsageTotalTest {

  @Test
  void dropsTrailingZerosSoTotalsCompareWithEquals() {
    UsageTotal fromDatabase =
        new UsageTotal("m", null, null, null, "u", new BigDecimal("300.000000000"), 2);
    UsageTotal expected = new UsageTotal("m", null, null, null, "u", new BigDecimal("300"), 2);

    assertThat(fromDatabase).isEqualTo(expected);
    assertThat(fromDatabase.quantity().toString()).isEqualTo("300");
  }

  @Test
  void keepsSignificantDecimals() {
    assertThat(new UsageTotal(null, null, null, null, "u", new BigDecimal("0.250"), 1).quantity())
        .hasToString("0.25");
  }

  @Test
  void requiresAtLeastOneEvent() {
    assertThatThrownBy(() -> new UsageTotal(null, null, null, null, "u", BigDecimal.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventCount must be >= 1, was 0");
  }
}
