package io.millwright.server.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void intervalsManualStreamAndPushKeepTheirMeaning() {
    assertThat(Schedule.parse("every 5m").every()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Schedule.parse("30s").kind()).isEqualTo(Schedule.Kind.EVERY);
    assertThat(Schedule.parse("Manual").kind()).isEqualTo(Schedule.Kind.MANUAL);
    assertThat(Schedule.parse("stream").kind()).isEqualTo(Schedule.Kind.STREAM);
    assertThat(Schedule.parse("push").kind()).isEqualTo(Schedule.Kind.PUSH);
    // The stored text parses back to the same schedule.
    Schedule every = Schedule.parse("every 90s");
    assertThat(Schedule.parse(every.text())).isEqualTo(every);
  }

  @Test
  void aWeekdayMorningCronFiresAtSixInItsZone() {
    Schedule s = Schedule.parse("cron 0 6 * * 1-5 Europe/Berlin");
    assertThat(s.kind()).isEqualTo(Schedule.Kind.CRON);
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    // Friday 2026-11-27 07:00 in Berlin (06:00 UTC): the next fire is Monday 06:00 Berlin time.
    Instant next = s.nextAfter(Instant.parse("2026-11-27T06:00:00Z"));
    assertThat(next).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
    assertThat(Schedule.parse(s.text())).isEqualTo(s);
  }

  @Test
  void aCronWithoutZoneIsReadInUtcAndFiresStrictlyAfterNow() {
    Schedule s = Schedule.parse("cron */15 * * * *");
    assertThat(s.nextAfter(Instant.parse("2026-11-30T10:15:00Z")))
        .isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
    assertThat(s.nextAfter(Instant.parse("2026-11-30T10:16:59Z")))
        .isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
    assertThat(s.text()).isEqualTo("cron */15 * * * *");
  }

  @Test
  void badSchedulesSayWhatIsWrong() {
    assertThatThrownBy(() -> Schedule.parse("cron 0 6 * *"))
        .hasMessageContaining("five cron fields");
    assertThatThrownBy(() -> Schedule.parse("cron 61 6 * * *"))
        .hasMessageContaining("not a valid cron expression");
    assertThatThrownBy(() -> Schedule.parse("cron 0 6 * * * Mars/Olympus"))
        .hasMessageContaining("not a time zone");
    assertThatThrownBy(() -> Schedule.parse("sometimes")).hasMessageContaining("cron 0 6 * * 1-5");
    assertThatThrownBy(() -> Schedule.parse("every 100ms")).hasMessageContaining("at least");
    assertThatThrownBy(() -> Schedule.parse(" ")).hasMessageContaining("is required");
  }
}
