package io.millwright.server.datasets.pipeline;

import java.time.OffsetDateTime;

/**
 * One text per key value, whichever way it arrived: a timestamp read back from Iceberg (UTC) and
 * the same instant parsed with an offset must deduplicate.
 */
public final class KeyText {

  private KeyText() {}

  public static String of(Object value) {
    if (value == null) {
      return "\u0000";
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (value instanceof Integer i) {
      return Long.toString(i);
    }
    return value.toString();
  }
}
