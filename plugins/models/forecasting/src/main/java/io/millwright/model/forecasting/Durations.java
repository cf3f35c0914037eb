package io.millwright.model.forecasting;

import java.time.Instant;

/** Steps and timestamps as people read them in messages and logs. */
final class Durations {

  private Durations() {}

  /** A step in seconds: {@code 1 h}, {@code 15 min}, {@code 1 day}, {@code 2.5 s}. */
  static String describe(double seconds) {
    if (seconds >= 86400 && seconds % 86400 == 0) {
      long days = (long) (seconds / 86400);
      return days + (days == 1 ? " day" : " days");
    }
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return (long) (seconds / 3600) + " h";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return (long) (seconds / 60) + " min";
    }
    if (seconds == Math.rint(seconds)) {
      return (long) seconds + " s";
    }
    return seconds + " s";
  }

  /** Epoch seconds as an ISO-8601 instant (UTC). */
  static String instant(double epochSeconds) {
    if (!Double.isFinite(epochSeconds) || Math.abs(epochSeconds) > 3e11) {
      return Double.toString(epochSeconds);
    }
    long s = (long) Math.floor(epochSeconds);
    return Instant.ofEpochSecond(s, Math.round((epochSeconds - s) * 1e9) % 1_000_000_000L)
        .toString();
  }
}
