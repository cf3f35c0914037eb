package io.millwright.connector.rest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between retries of one request: attempt n waits a random time
 * between half and all of {@code base * 2^n}, at most {@code cap}, so many connections that failed
 * together do not retry together.
 */
record Backoff(Duration base, Duration cap) {

  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

  Duration delay(int attempt) {
    long capMillis = cap.toMillis();
    long full = base.toMillis() << Math.min(attempt, 20);
    long max = Math.max(1, Math.min(capMillis, full < 0 ? capMillis : full));
    long half = max / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(max - half + 1));
  }
}
