package io.millwright.console.ports;

import java.time.Instant;

/**
 * One training run in a tenant's list.
 *
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code
 *     cancelled}
 * @param cancelRequested someone pressed Cancel and the run has not stopped yet
 * @param epochsPlanned null until the model type says how many it plans
 * @param modelVersion the version it made, once it succeeded; null otherwise
 * @param error why it failed, or null
 */
public record TrainingRunRow(
    String id,
    String model,
    String dataset,
    String modelType,
    String task,
    String status,
    boolean cancelRequested,
    int epochsDone,
    Integer epochsPlanned,
    Integer modelVersion,
    String error,
    String requestedBy,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt) {}
