package io.millwright.server.datasets.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.server.glossary.DataType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class WideningTest {

  @Test
  void onlyTypesWhoseEveryValueKeepsItsMeaningWiden() {
    assertThat(Widening.wider(DataType.INTEGER)).contains(DataType.DECIMAL);
    assertThat(Widening.wider(DataType.DATE)).contains(DataType.TIMESTAMP);
    assertThat(Widening.wider(DataType.DECIMAL)).isEmpty();
    assertThat(Widening.wider(DataType.STRING)).isEmpty();
    assertThat(Widening.wider(DataType.TIMESTAMP)).isEmpty();
    assertThat(Widening.wider(DataType.BOOLEAN)).isEmpty();
  }

  @Test
  void aWholeNumberBecomesTheSameDecimalAndADateItsFirstInstantInUtc() {
    assertThat(Widening.widen(12L, DataType.INTEGER)).isEqualTo(12.0);
    assertThat(Widening.widen(LocalDate.of(2024, 3, 1), DataType.DATE))
        .isEqualTo(OffsetDateTime.parse("2024-03-01T00:00:00Z"));
    assertThat(Widening.widen(null, DataType.DATE)).isNull();
    assertThatThrownBy(() -> Widening.widen("x", DataType.STRING))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
