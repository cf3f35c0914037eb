package io.millwright.server.connections.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.connections.Schedule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionLeasesTest {

  static final Duration MINIMUM = Duration.ofSeconds(60);

  @Test
  void aLeaseOutlivesAHoldersLatePollButNotAMissedRunAndHour() {
    // Renewed every 5 s: one late poll keeps it; a crashed holder is replaced within 65 s.
    assertThat(ConnectionLeases.ttl(Schedule.parse("every 5s"), MINIMUM))
        .isEqualTo(Duration.ofSeconds(65));
    // A daily poll: the lease lasts a day and a half, so another node runs the next day's poll
    // at the latest one interval late.
    assertThat(ConnectionLeases.ttl(Schedule.parse("every 1d"), MINIMUM))
        .isEqualTo(Duration.ofHours(36));
  }

  @Test
  void cronAndManualSchedulesHoldTheMinimumWhoeverPollsFirstTakesIt() {
    assertThat(ConnectionLeases.ttl(Schedule.parse("cron 0 6 * * 1-5"), MINIMUM))
        .isEqualTo(MINIMUM);
    assertThat(ConnectionLeases.ttl(Schedule.parse("manual"), MINIMUM)).isEqualTo(MINIMUM);
    assertThat(ConnectionLeases.ttl(null, MINIMUM)).isEqualTo(MINIMUM);
  }
}
