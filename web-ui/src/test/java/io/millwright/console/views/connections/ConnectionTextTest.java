package io.millwright.console.views.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionLive;
import io.millwright.console.ports.ConnectionRunRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionTextTest {

  private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

  private static ConnectionRunRow run(String status, Instant finished, long written, String error) {
    return new ConnectionRunRow(
        "r1", "manual", status, START, finished, 20, written, 0, 0, 1, error);
  }

  @Test
  void durationsAreShort() {
    assertThat(ConnectionText.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
    assertThat(ConnectionText.duration(Duration.ofSeconds(12))).isEqualTo("12 s");
    assertThat(ConnectionText.duration(Duration.ofSeconds(184))).isEqualTo("3 min 4 s");
    assertThat(ConnectionText.duration(Duration.ofMinutes(62))).isEqualTo("1 h 2 min");
    assertThat(ConnectionText.duration(null)).isEmpty();
  }

  @Test
  void theLastRunIsOneLine() {
    assertThat(ConnectionText.lastRun(null)).isEqualTo("never run");
    assertThat(ConnectionText.lastRun(run("succeeded", START.plusSeconds(3), 20, null)))
        .isEqualTo("succeeded 2026-11-01 08:00:03 · 20 written");
    assertThat(ConnectionText.lastRun(run("failed", START.plusSeconds(3), 0, "no such table")))
        .isEqualTo("failed 2026-11-01 08:00:03: no such table");
    assertThat(ConnectionText.lastRun(run("running", null, 0, null)))
        .isEqualTo("running since 2026-11-01 08:00:00 · 20 read");
  }

  @Test
  void aRunWithoutAnEndHasNoDuration() {
    assertThat(run("running", null, 0, null).duration()).isNull();
    assertThat(run("succeeded", START.plusSeconds(2), 20, null).duration())
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void liveStatusJoinsStateAndLine() {
    assertThat(ConnectionText.live(new ConnectionLive("running", "page 3", null, null, 5)))
        .isEqualTo("running · page 3");
    assertThat(ConnectionText.live(new ConnectionLive("waiting-for-plugin", null, null, null, 0)))
        .isEqualTo("waiting for plugin");
  }

  @Test
  void theOffsetSaysWhereReadingResumes() {
    assertThat(ConnectionText.offset(detail(null, null))).startsWith("Nothing committed yet");
    assertThat(ConnectionText.offset(detail("{\"w\":\"2026-11-01\"}", 42L)))
        .isEqualTo(
            "Read up to {\"w\":\"2026-11-01\"}, committed as version 42 on 2026-11-01 08:00:00"
                + " UTC.");
  }

  static ConnectionDetail detail(String offset, Long version) {
    return new ConnectionDetail(
        "orders",
        "",
        "jdbc",
        "orders",
        "manual",
        "append",
        50_000,
        "PT2S",
        "active",
        null,
        0,
        Map.of("url", "jdbc:postgresql://db/sales"),
        Set.of("password"),
        offset,
        version,
        offset == null ? null : START,
        new ConnectionLive("idle", null, null, null, 0),
        START,
        "Erin",
        START,
        null);
  }
}
