package io.millwright.server.connections;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConnectorConfig;
import java.time.DateTimeException;
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
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required: " + FORMS);
    }
    String t = text.strip();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "manual":
        return new Schedule(Kind.MANUAL, null, null, null);
      case "stream":
        return new Schedule(Kind.STREAM, null, null, null);
      case "push":
        return new Schedule(Kind.PUSH, null, null, null);
      default:
        break;
    }
    if (t.toLowerCase(Locale.ROOT).startsWith("cron ")) {
      return cron(t.substring(5).strip(), text);
    }
    String lower = t.toLowerCase(Locale.ROOT);
    String interval = lower.startsWith("every ") ? lower.substring(6).strip() : lower;
    Duration every;
    try {
      every = ConnectorConfig.parseDuration(interval);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a schedule: " + FORMS);
    }
    if (every.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("must be at least every 1s");
    }
    return new Schedule(Kind.EVERY, every, null, null);
  }

  private static Schedule cron(String spec, String text) {
    String[] parts = spec.split("\\s+");
    if (parts.length != 5 && parts.length != 6) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' needs five cron fields (minute hour day-of-month month day-of-week), then"
              + " optionally a time zone; e.g. 'cron 30 6 * * 1-5 Europe/Berlin'");
    }
    ZoneId zone = ZoneId.of("UTC");
    if (parts.length == 6) {
      try {
        zone = ZoneId.of(parts[5]);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "'" + parts[5] + "' is not a time zone; use a name such as Europe/Berlin or UTC");
      }
    }
    String expression = String.join(" ", java.util.Arrays.copyOf(parts, 5));
    try {
      new CronSchedule(expression, zone, CronStyle.UNIX);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + expression + "' is not a valid cron expression: " + e.getMessage());
    }
    return new Schedule(Kind.CRON, null, expression, zone);
  }

  /** The next instant a {@link Kind#CRON} schedule fires after {@code now}. */
  public Instant nextAfter(Instant now) {
    if (kind != Kind.CRON) {
      throw new IllegalStateException("not a cron schedule: " + text());
    }
    return new CronSchedule(cron, zone, CronStyle.UNIX).getInitialExecutionTime(now);
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
      case EVERY -> "every " + every;
      case CRON -> "cron " + cron + (zone.getId().equals("UTC") ? "" : " " + zone.getId());
      case MANUAL -> "manual";
      case STREAM -> "stream";
      case PUSH -> "push";
    };
  }
}
