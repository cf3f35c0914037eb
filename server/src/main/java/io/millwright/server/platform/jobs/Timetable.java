package io.millwright.server.platform.jobs;

import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import io.millwright.plugin.api.connector.ConnectorConfig;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * When something recurring runs by itself: every so often, at the times of a five-field Unix cron
 * expression in a time zone, or only when someone asks. Connections and transforms write it the
 * same way ('every 15m', 'cron 0 6 * * 1-5 Europe/Berlin', 'manual').
 *
 * @param every the interval of an {@link Kind#EVERY} timetable; null otherwise
 * @param cron the cron expression of a {@link Kind#CRON} timetable; null otherwise
 * @param zone the time zone the cron expression is read in (UTC unless given)
 */
public record Timetable(Kind kind, Duration every, String cron, ZoneId zone) {

  public enum Kind {
    EVERY,
    CRON,
    MANUAL
  }

  public static final Timetable MANUAL = new Timetable(Kind.MANUAL, null, null, null);

  /**
   * @param forms how to write it, for the message when {@code text} is not a timetable
   * @param shortest the shortest interval allowed (as its readable form, in the message)
   * @throws IllegalArgumentException with a readable reason
   */
  public static Timetable parse(String text, String forms, Duration shortest) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required: " + forms);
    }
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("manual")) {
      return MANUAL;
    }
    if (lower.startsWith("cron ")) {
      return cron(t.substring(5).strip(), text);
    }
    String interval = lower.startsWith("every ") ? lower.substring(6).strip() : lower;
    Duration every;
    try {
      every = ConnectorConfig.parseDuration(interval);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a schedule: " + forms);
    }
    if (every.compareTo(shortest) < 0) {
      throw new IllegalArgumentException("must be at least every " + readable(shortest));
    }
    return new Timetable(Kind.EVERY, every, null, null);
  }

  private static Timetable cron(String spec, String text) {
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
    String expression = String.join(" ", Arrays.copyOf(parts, 5));
    try {
      new CronSchedule(expression, zone, CronStyle.UNIX);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + expression + "' is not a valid cron expression: " + e.getMessage());
    }
    return new Timetable(Kind.CRON, null, expression, zone);
  }

  /**
   * The next instant it fires after {@code now}: {@code now} plus the interval, the cron's next
   * instant, or null for a manual one.
   */
  public Instant nextAfter(Instant now) {
    return switch (kind) {
      case EVERY -> now.plus(every);
      case CRON -> new CronSchedule(cron, zone, CronStyle.UNIX).getInitialExecutionTime(now);
      case MANUAL -> null;
    };
  }

  /** The text form stored and shown. */
  public String text() {
    return switch (kind) {
      case EVERY -> "every " + every;
      case CRON -> "cron " + cron + (zone.getId().equals("UTC") ? "" : " " + zone.getId());
      case MANUAL -> "manual";
    };
  }

  private static String readable(Duration d) {
    if (d.toSeconds() % 3600 == 0) {
      return d.toHours() + "h";
    }
    if (d.toSeconds() % 60 == 0) {
      return d.toMinutes() + "m";
    }
    return d.toSeconds() + "s";
  }
}
