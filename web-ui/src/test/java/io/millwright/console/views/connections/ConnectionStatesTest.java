package io.millwright.console.views.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.ConnectionLive;
import org.junit.jupiter.api.Test;

class ConnectionStatesTest {

  private static ConnectionLive live(String state) {
    return new ConnectionLive(state, null, null, null, 0);
  }

  @Test
  void aPausedConnectionIsPausedWhateverItsFailures() {
    assertThat(ConnectionStates.of("paused", 3, live("stopped")).key()).isEqualTo("paused");
  }

  @Test
  void anActiveConnectionWithFailuresOrRetryingIsFailing() {
    assertThat(ConnectionStates.of("active", 1, live("idle")).key()).isEqualTo("failing");
    assertThat(ConnectionStates.of("active", 0, live("retrying")).key()).isEqualTo("failing");
    assertThat(ConnectionStates.of("active", 0, live("failed")).key()).isEqualTo("failing");
  }

  @Test
  void anActiveConnectionThatRunsWellIsActive() {
    assertThat(ConnectionStates.of("active", 0, live("running")).key()).isEqualTo("active");
    assertThat(ConnectionStates.of("active", 0, null).theme()).isEqualTo("badge success");
  }
}
