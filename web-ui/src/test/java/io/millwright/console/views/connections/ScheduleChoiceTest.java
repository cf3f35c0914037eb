package io.millwright.console.views.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.ConnectorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleChoiceTest {

  static ConnectorInfo connector(String... capabilities) {
    return new ConnectorInfo(
        "x", "X", "", "1.0.0", List.of(capabilities), List.of(), "x", "1.0.0", true);
  }

  @Test
  void onlyWhatTheConnectorCanDoIsOffered() {
    assertThat(ScheduleChoice.allowed(connector("poll")))
        .containsExactly(ScheduleChoice.EVERY, ScheduleChoice.MANUAL);
    assertThat(ScheduleChoice.allowed(connector("stream"))).containsExactly(ScheduleChoice.STREAM);
    assertThat(ScheduleChoice.allowed(connector("poll", "push")))
        .containsExactly(ScheduleChoice.EVERY, ScheduleChoice.MANUAL, ScheduleChoice.PUSH);
  }

  @Test
  void schedulesAreWrittenAsThePlatformReadsThem() {
    assertThat(ScheduleChoice.text(ScheduleChoice.EVERY, 5)).isEqualTo("every 5m");
    assertThat(ScheduleChoice.text(ScheduleChoice.EVERY, null)).isEqualTo("every 15m");
    assertThat(ScheduleChoice.text(ScheduleChoice.MANUAL, 5)).isEqualTo("manual");
    assertThat(ScheduleChoice.text(null, 5)).isNull();
  }

  @Test
  void onlyPolledSchedulesHaveRunsToStart() {
    assertThat(ScheduleChoice.runnable("manual")).isTrue();
    assertThat(ScheduleChoice.runnable("every PT15M")).isTrue();
    assertThat(ScheduleChoice.runnable("stream")).isFalse();
    assertThat(ScheduleChoice.runnable("push")).isFalse();
  }
}
