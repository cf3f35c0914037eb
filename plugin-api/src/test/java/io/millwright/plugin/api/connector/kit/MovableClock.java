package io.millwright.plugin.api.connector.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a connector test moves forward, so that a token expires, a file stays quiet for its
 * minimum age or a retry comes due without the test waiting: give it to a connector whose clock is
 * injectable. UTC only.
 */
public final class MovableClock extends Clock {

  private volatile Instant now;

  /** Starting now (for comparing with real file times). */
  public MovableClock() {
    this(Instant.now());
  }

  /** Starting at a fixed instant (for tests that read exact times). */
  public MovableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
