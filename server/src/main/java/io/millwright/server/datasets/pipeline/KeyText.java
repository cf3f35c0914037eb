package io.millwright.server.datasets.pipeline;

import java.time.OffsetDateTime;

/**
 * One text per key value, whichever way it arrived: a timestamp read back from Iceberg (UTC) and
 * the same instant parsed with an offset must deduplicate.
 */
public final class KeyText {

  private KeyText() {}

  /** Appends the value's text, as {@link #of} gives it, without making a string of it first. */
  public static StringBuilder appendTo(StringBuilder text, Object value) {
    if (value instanceof OffsetDateTime t) {
      return text.append(t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }
    if (value instanceof Long l) {
      return text.append(l.longValue());
    }
    if (value instanceof Integer i) {
      return text.append(i.longValue());
    }
    if (value instanceof String s) {
      return text.append(s);
    }
    return text.append(of(value));
  }

  public static String of(Object value) {
    if (value == null) {
      return "\u0000";
    }
    if (value instanceof OffsetDateTime t) {
      // Epoch microseconds (Iceberg's precision): the same instant gives the same text whatever
      // its offset, without formatting a date per row.
      return Long.toString(t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000);
    }
    if (value instanceof Integer i) {
      return Long.toString(i);
    }
    return value.toString();
  }
}
