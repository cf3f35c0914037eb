package io.millwright.server.datasets;

import io.millwright.server.platform.jobs.Timetable;
import java.time.Instant;

/**
 * A named SQL query whose result is materialized into a target dataset on every run: when someone
 * asks, or by itself on its schedule.
 */
public record Transform(
    String name,
    String description,
    String query,
    String target,
    Timetable schedule,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version,
    Scheduling scheduling) {

  /** Request body: what a person declares (schedule: 'manual' when left out). */
  public record Definition(
      String name, String description, String query, String target, String schedule) {}

  /**
   * How the schedule is doing: why it was paused (null: it is not), the failures in a row, the last
   * run and when the next is due (null: none is).
   */
  public record Scheduling(String pausedReason, int failures, LastRun lastRun, Instant nextRunAt) {}

  /** The last run, by a person or the schedule; {@code version} is the snapshot it wrote. */
  public record LastRun(Instant at, String status, String message, Long version) {}

  public boolean runsByItself() {
    return schedule.kind() != Timetable.Kind.MANUAL && scheduling.pausedReason() == null;
  }
}
