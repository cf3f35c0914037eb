package io.millwright.server.datasets.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

  @ParameterizedTest
  @CsvSource({
    "32, °F, °C, 0",
    "212, degF, C, 100",
    "-40, F, degC, -40",
    "0, °C, K, 273.15",
    "1, lb, kg, 0.45359237",
    "16, oz, lb, 1",
    "2.5, t, kg, 2500",
    "1, mi, m, 1609.344",
    "1, ft, in, 12",
    "3, yd, ft, 9",
    "250, mm, cm, 25",
    "90, min, h, 1.5",
    "2, d, s, 172800",
    "1500, ms, s, 1.5",
    "1, gal, l, 3.785411784",
    "1, m3, ml, 1000000",
    "2, bar, kPa, 200",
    "1, kWh, kJ, 3600",
    "1, Wh, J, 3600",
    "36, km/h, m/s, 10",
    "1, mph, km/h, 1.609344",
  })
  void convertsExactly(double value, String from, String to, double expected) {
    assertThat(Units.convert(value, from, to)).isEqualTo(expected);
  }

  @Test
  void psiToPascal() {
    assertThat(Units.convert(1, "psi", "Pa")).isCloseTo(6894.757293168361, within(1e-9));
  }

  @Test
  void incompatibleUnitsAreRefused() {
    assertThatThrownBy(() -> Units.convert(5, "kg", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit kg cannot be converted to m");
    assertThatThrownBy(() -> Units.convert(5, "furlong", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown unit furlong");
  }

  @Test
  void knowsAliasesAndCase() {
    assertThat(Units.isKnown("°C")).isTrue();
    assertThat(Units.isKnown("KG")).isTrue();
    assertThat(Units.isKnown("furlong")).isFalse();
    assertThat(Units.isKnown(null)).isFalse();
    assertThat(Units.canonical("℃")).contains("degC");
    assertThat(Units.canonical("lbs")).contains("lb");
    assertThat(Units.canonical("L")).contains("l");
    assertThat(Units.convertible("h", "min")).isTrue();
    assertThat(Units.convertible("h", "m")).isFalse();
  }
}
