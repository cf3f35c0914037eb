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
        .containsExactly(ScheduleChoice.EVERY, ScheduleChoice.CRON, ScheduleChoice.MANUAL);
    assertThat(ScheduleChoice.allowed(connector("stream"))).containsExactly(ScheduleChoice.STREAM);
    assertThat(ScheduleChoice.allowed(connector("poll", "push")))
        .containsExactly(
            ScheduleChoice.EVERY, ScheduleChoice.CRON, ScheduleChoice.MANUAL, ScheduleChoice.PUSH);
  }

  @Test
  void schedulesAreWrittenAsThePlatformReadsThem() {
    assertThat(ScheduleChoice.text(ScheduleChoice.EVERY, 5, null)).isEqualTo("every 5m");
    assertThat(ScheduleChoice.text(ScheduleChoice.EVERY, null, null)).isEqualTo("every 15m");
    assertThat(ScheduleChoice.text(ScheduleChoice.MANUAL, 5, null)).isEqualTo("manual");
    assertThat(ScheduleChoice.text(null, 5, null)).isNull();
    assertThat(ScheduleChoice.text(ScheduleChoice.CRON, 5, " 30 6 * * 1-5 Europe/Berlin "))
        .isEqualTo("cron 30 6 * * 1-5 Europe/Berlin");
    assertThat(ScheduleChoice.text(ScheduleChoice.CRON, 5, "")).isEqualTo("cron 0 6 * * 1-5");
  }

  @Test
  void onlyPolledSchedulesHaveRunsToStart() {
    assertThat(ScheduleChoice.runnable("manual")).isTrue();
    assertThat(ScheduleChoice.runnable("every PT15M")).isTrue();
    assertThat(ScheduleChoice.runnable("cron 0 6 * * 1-5")).isTrue();
    assertThat(ScheduleChoice.runnable("stream")).isFalse();
    assertThat(ScheduleChoice.runnable("push")).isFalse();
  }
}
