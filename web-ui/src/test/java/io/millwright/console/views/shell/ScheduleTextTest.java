package io.millwright.console.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTextTest {

  @Test
  void schedulesReadAsPeopleWriteThem() {
    assertThat(ScheduleText.schedule("every PT15M")).isEqualTo("every 15m");
    assertThat(ScheduleText.schedule("every PT1H30M")).isEqualTo("every 1h30m");
    assertThat(ScheduleText.schedule("every PT45S")).isEqualTo("every 45s");
    assertThat(ScheduleText.schedule("manual")).isEqualTo("manual (Run now)");
    assertThat(ScheduleText.schedule("every soon")).isEqualTo("every soon");
    assertThat(ScheduleText.schedule("cron 0 6 * * 1-5 Europe/Berlin"))
        .isEqualTo("cron 0 6 * * 1-5 Europe/Berlin");
    assertThat(ScheduleText.schedule(null)).isEmpty();
  }

  @Test
  void aFormShowsTheScheduleAsItIsTyped() {
    assertThat(ScheduleText.editable("every PT24H")).isEqualTo("every 24h");
    assertThat(ScheduleText.editable("manual")).isEqualTo("manual");
    assertThat(ScheduleText.editable("cron */30 * * * *")).isEqualTo("cron */30 * * * *");
    assertThat(ScheduleText.editable(null)).isEmpty();
  }

  @Test
  void intervalsAreCompact() {
    assertThat(ScheduleText.compact(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(ScheduleText.compact(Duration.ZERO)).isEqualTo("0s");
  }
}
