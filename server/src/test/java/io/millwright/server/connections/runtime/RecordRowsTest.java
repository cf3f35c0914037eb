package io.millwright.server.connections.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RecordRowsTest {

  @Test
  void aDatabaseDateTimeKeepsItsSecondsSoTheStandardizerTakesItsFastPath() {
    assertThat(RecordRows.text(LocalDateTime.of(2024, 3, 1, 10, 15)))
        .as("LocalDateTime.toString would say 2024-03-01T10:15")
        .isEqualTo("2024-03-01T10:15:00");
    assertThat(RecordRows.text(LocalDateTime.of(987, 1, 2, 3, 4, 5)))
        .isEqualTo("0987-01-02T03:04:05");
    assertThat(RecordRows.text(LocalDateTime.of(2024, 3, 1, 10, 15, 7, 500_000_000)))
        .isEqualTo("2024-03-01T10:15:07.500");
  }
}
