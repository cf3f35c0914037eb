package io.millwright.console.ports;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of a connection.
 *
 * @param trigger {@code schedule}, {@code manual} (Run now) or {@code stream}
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code interrupted}
 * @param finishedAt null while it runs
 * @param commits how many versions it committed
 * @param error why it failed, or null
 */
public record ConnectionRunRow(
    String id,
    String trigger,
    String status,
    Instant startedAt,
    Instant finishedAt,
    long recordsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    int commits,
    String error) {

  /** How long it took; null while it runs. */
  public Duration duration() {
    return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }
}
