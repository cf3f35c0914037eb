package io.millwright.console.views.connections;

import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionLive;
import io.millwright.console.ports.ConnectionRunRow;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How connection pages write times, runs and offsets, the same on each of them (schedules: {@link
 * io.millwright.console.views.shell.ScheduleText}).
 */
final class ConnectionText {

  private ConnectionText() {}

  static String utc(Instant time) {
    return time == null ? "" : time.toString().replace('T', ' ').substring(0, 19);
  }

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** How long a run took: {@code 850 ms}, {@code 12 s}, {@code 3 min 4 s}, {@code 1 h 2 min}. */
  static String duration(Duration d) {
    if (d == null) {
      return "";
    }
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    if (d.toMinutes() < 1) {
      return d.toSeconds() + " s";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return d.toHours() + " h " + d.toMinutesPart() + " min";
  }

  /** One line on a run for the list, e.g. {@code succeeded 2026-11-01 08:00:03 · 20 written}. */
  static String lastRun(ConnectionRunRow run) {
    if (run == null) {
      return "never run";
    }
    return switch (run.status()) {
      case "running" ->
          "running since " + utc(run.startedAt()) + " · " + run.recordsRead() + " read";
      case "failed" ->
          "failed "
              + utc(run.finishedAt() == null ? run.startedAt() : run.finishedAt())
              + (run.error() == null ? "" : ": " + run.error());
      default ->
          run.status()
              + " "
              + utc(run.finishedAt() == null ? run.startedAt() : run.finishedAt())
              + " · "
              + run.rowsWritten()
              + " written"
              + (run.rowsQuarantined() > 0 ? ", " + run.rowsQuarantined() + " quarantined" : "");
    };
  }

  /** What a connection does now, e.g. {@code running · page 3 of orders}. */
  static String live(ConnectionLive live) {
    if (live == null) {
      return "";
    }
    String state = live.state() == null ? "" : live.state().replace('-', ' ');
    return live.statusLine() == null || live.statusLine().isBlank()
        ? state
        : state + " · " + live.statusLine();
  }

  /** Where reading resumes, with the version that committed it. */
  static String offset(ConnectionDetail d) {
    if (d.committedOffset() == null) {
      return "Nothing committed yet: the first run reads the source from its start.";
    }
    return "Read up to "
        + d.committedOffset()
        + (d.committedVersion() == null ? "" : ", committed as version " + d.committedVersion())
        + (d.committedAt() == null ? "" : " on " + utc(d.committedAt()) + " UTC")
        + ".";
  }

  /** A name as part of an element id: letters, digits, {@code -} and {@code _} only. */
  static String idPart(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** A capability for people: {@code poll} as {@code Poll}. */
  static String capability(String c) {
    return c.isEmpty() ? c : c.substring(0, 1).toUpperCase(Locale.ROOT) + c.substring(1);
  }
}
