package io.millwright.server.connections;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConnectorConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * When a connection reads its source: every so often, only when someone asks, continuously (a
 * stream), or whenever a sender pushes.
 *
 * @param every the interval of a {@link Kind#EVERY} schedule; null otherwise
 */
public record Schedule(Kind kind, Duration every) {

  public static final Duration SHORTEST = Duration.ofSeconds(1);

  public enum Kind {
    EVERY,
    MANUAL,
    STREAM,
    PUSH
  }

  /**
   * @throws IllegalArgumentException with a readable reason
   */
  public static Schedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is required: 'every 5m', 'manual', 'stream' or 'push'");
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "manual":
        return new Schedule(Kind.MANUAL, null);
      case "stream":
        return new Schedule(Kind.STREAM, null);
      case "push":
        return new Schedule(Kind.PUSH, null);
      default:
        break;
    }
    String interval = t.startsWith("every ") ? t.substring(6).strip() : t;
    Duration every;
    try {
      every = ConnectorConfig.parseDuration(interval);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a schedule: use 'every 30s', 'every 5m', 'every 1h', 'manual',"
              + " 'stream' or 'push'");
    }
    if (every.compareTo(SHORTEST) < 0) {
      throw new IllegalArgumentException("must be at least every 1s");
    }
    return new Schedule(Kind.EVERY, every);
  }

  /** What the connector must be able to do for this schedule. */
  public Capability needs() {
    return switch (kind) {
      case EVERY, MANUAL -> Capability.POLL;
      case STREAM -> Capability.STREAM;
      case PUSH -> Capability.PUSH;
    };
  }

  /** The text form stored and shown. */
  public String text() {
    return switch (kind) {
      case EVERY -> "every " + every;
      case MANUAL -> "manual";
      case STREAM -> "stream";
      case PUSH -> "push";
    };
  }
}
