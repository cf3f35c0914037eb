package io.millwright.console.ports;

import java.time.Instant;

/**
 * One transform in a tenant's list.
 *
 * @param schedule as the platform stores it: {@code manual}, {@code every PT15M} or {@code cron 0 6
 *     * * 1-5 Europe/Berlin}
 * @param pausedReason why its schedule stopped (after failed runs in a row); null when it is not
 *     paused
 * @param failuresInARow failed runs since the last success
 * @param lastRun its newest run, by a person or the schedule; null before the first
 * @param nextRunAt when the schedule runs it next; null when nothing is planned (manual or paused)
 * @param version how many times its definition was changed since it was defined
 */
public record TransformRow(
    String name,
    String description,
    String query,
    String target,
    String schedule,
    String pausedReason,
    int failuresInARow,
    LastRun lastRun,
    Instant nextRunAt,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version) {

  public boolean paused() {
    return pausedReason != null;
  }

  /** Whether it runs by itself: a schedule other than manual. */
  public boolean scheduled() {
    return schedule != null && !schedule.equals("manual");
  }

  /**
   * @param status {@code succeeded} or {@code failed}
   * @param message e.g. {@code 120 rows written}, or why it failed
   * @param version the target's version it wrote; null when it failed
   */
  public record LastRun(Instant at, String status, String message, Long version) {}
}
