package io.millwright.server.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimetableTest {

  static final String FORMS = "use 'manual', 'every 15m' or 'cron 0 6 * * 1-5'";

  static Timetable parse(String text) {
    return Timetable.parse(text, FORMS, Duration.ofMinutes(1));
  }

  @Test
  void anIntervalFiresThatLongAfterNowAManualOneNever() {
    Instant now = Instant.parse("2026-11-30T10:00:00Z");
    assertThat(parse("every 15m").nextAfter(now)).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));
    assertThat(parse("2h").nextAfter(now)).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
    assertThat(parse("Manual").nextAfter(now)).isNull();
    assertThat(parse("MANUAL")).isSameAs(Timetable.MANUAL);
  }

  @Test
  void aCronFiresAtItsNextInstantInItsZoneAndTheTextParsesBack() {
    Timetable t = parse("cron 0 6 * * 1-5 Europe/Berlin");
    // Monday 2026-11-30 06:00 UTC is 07:00 in Berlin: the next 06:00 Berlin is Tuesday 05:00 UTC.
    assertThat(t.nextAfter(Instant.parse("2026-11-30T06:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
    assertThat(parse(t.text())).isEqualTo(t);
    Timetable every = parse("every 90m");
    assertThat(parse(every.text())).isEqualTo(every);
  }

  @Test
  void tooShortOrMalformedTimetablesSayWhatIsWrongInTheCallersTerms() {
    assertThatThrownBy(() -> parse("every 30s")).hasMessage("must be at least every 1m");
    assertThatThrownBy(() -> Timetable.parse("every 1s", FORMS, Duration.ofHours(1)))
        .hasMessage("must be at least every 1h");
    assertThatThrownBy(() -> parse("sometimes")).hasMessageContaining(FORMS);
    assertThatThrownBy(() -> parse("stream")).hasMessageContaining(FORMS);
    assertThatThrownBy(() -> parse("")).hasMessageContaining("is required");
    assertThatThrownBy(() -> parse("cron 0 6 * *")).hasMessageContaining("five cron fields");
  }
}
