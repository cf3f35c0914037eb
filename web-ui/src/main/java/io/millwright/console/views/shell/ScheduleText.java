package io.millwright.console.views.shell;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How pages write a stored schedule ({@code every PT15M}, {@code cron 0 6 * * 1-5}, {@code manual},
 * ...) for people, the same for connections and transforms.
 */
public final class ScheduleText {

  private ScheduleText() {}

  /** A stored schedule for people: {@code every PT15M} as {@code every 15m}. */
  public static String schedule(String text) {
    if (text == null) {
      return "";
    }
    if (text.startsWith("every ")) {
      return editable(text);
    }
    return switch (text) {
      case "manual" -> "manual (Run now)";
      case "stream" -> "stream (continuous)";
      case "push" -> "push (senders deliver)";
      default -> text;
    };
  }

  /**
   * A stored schedule as a person writes it in a form, so that saving it unchanged keeps it: {@code
   * every PT15M} as {@code every 15m}, anything else as stored.
   */
  public static String editable(String text) {
    if (text == null) {
      return "";
    }
    if (text.startsWith("every ")) {
      try {
        return "every " + compact(Duration.parse(text.substring(6).strip()));
      } catch (DateTimeParseException e) {
        return text;
      }
    }
    return text;
  }

  /** An interval as a schedule says it: {@code 15m}, {@code 1h30m}, {@code 45s}. */
  public static String compact(Duration d) {
    StringBuilder s = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    if (hours > 0) {
      s.append(hours).append('h');
    }
    if (minutes > 0) {
      s.append(minutes).append('m');
    }
    if (seconds > 0 || s.isEmpty()) {
      s.append(seconds).append('s');
    }
    return s.toString();
  }
}
