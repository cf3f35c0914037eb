package io.millwright.server.connections;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.server.platform.jobs.Timetable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * When a connection reads its source: every so often, at the times of a cron expression, only when
 * someone asks, continuously (a stream), or whenever a sender pushes.
 *
 * @param every the interval of an {@link Kind#EVERY} schedule; null otherwise
 * @param cron the five-field Unix cron expression of a {@link Kind#CRON} schedule; null otherwise
 * @param zone the time zone the cron expression is read in (UTC unless given)
 */
public record Schedule(Kind kind, Duration every, String cron, ZoneId zone) {

  public static final Duration SHORTEST = Duration.ofSeconds(1);

  private static final String FORMS =
      "use 'every 30s', 'every 5m', 'every 1h', 'cron 0 6 * * 1-5' (minute hour day month"
          + " weekday, optionally followed by a time zone such as Europe/Berlin), 'manual',"
          + " 'stream' or 'push'";

  public enum Kind {
    EVERY,
    CRON,
    MANUAL,
    STREAM,
    PUSH
  }

  /**
   * @throws IllegalArgumentException with a readable reason
   */
  public static Schedule parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("stream")) {
      return new Schedule(Kind.STREAM, null, null, null);
    }
    if (t.equals("push")) {
      return new Schedule(Kind.PUSH, null, null, null);
    }
    Timetable timetable = Timetable.parse(text, FORMS, SHORTEST);
    return switch (timetable.kind()) {
      case EVERY -> new Schedule(Kind.EVERY, timetable.every(), null, null);
      case CRON -> new Schedule(Kind.CRON, null, timetable.cron(), timetable.zone());
      case MANUAL -> new Schedule(Kind.MANUAL, null, null, null);
    };
  }

  /** The next instant a {@link Kind#CRON} schedule fires after {@code now}. */
  public Instant nextAfter(Instant now) {
    if (kind != Kind.CRON) {
      throw new IllegalStateException("not a cron schedule: " + text());
    }
    return new Timetable(Timetable.Kind.CRON, null, cron, zone).nextAfter(now);
  }

  /** What the connector must be able to do for this schedule. */
  public Capability needs() {
    return switch (kind) {
      case EVERY, CRON, MANUAL -> Capability.POLL;
      case STREAM -> Capability.STREAM;
      case PUSH -> Capability.PUSH;
    };
  }

  /** The text form stored and shown. */
  public String text() {
    return switch (kind) {
      case EVERY -> new Timetable(Timetable.Kind.EVERY, every, null, null).text();
      case CRON -> new Timetable(Timetable.Kind.CRON, null, cron, zone).text();
      case MANUAL -> Timetable.MANUAL.text();
      case STREAM -> "stream";
      case PUSH -> "push";
    };
  }
}
