package io.millwright.console.ports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One training run as its page shows it.
 *
 * @param status {@code queued}, {@code running}, {@code succeeded}, {@code failed} or {@code
 *     cancelled}
 * @param queuePosition its place among every tenant's queued runs (1 = next); 0 unless queued
 * @param waitingReason why it waits while queued; null otherwise
 * @param datasetVersion the dataset version (snapshot id) the run reads, pinned at the start
 * @param modelTypeVersion null until the run starts, like {@code plugin} and {@code pluginVersion}
 * @param epochs one per finished epoch, in order
 * @param epochsPlanned null until the model type says how many it plans
 * @param metrics computed by the platform on the held-out rows; empty until it succeeded
 * @param baseline the naive baseline's same metrics (majority class, training mean, last value)
 * @param primaryMetric the metric that decides against the baseline and for promotion, e.g. {@code
 *     accuracy}
 * @param higherIsBetter whether a larger primary metric is better
 * @param modelVersion the version it made, once it succeeded
 * @param error why it failed, or null
 */
public record TrainingRunDetail(
    String id,
    String model,
    String status,
    boolean cancelRequested,
    int queuePosition,
    String waitingReason,
    String dataset,
    long datasetVersion,
    String modelType,
    String modelTypeVersion,
    String plugin,
    String pluginVersion,
    String task,
    String target,
    String timeColumn,
    String split,
    Map<String, String> hyperParameters,
    long seed,
    int attempts,
    List<TrainingEpoch> epochs,
    Integer epochsPlanned,
    Long trainingRows,
    Long validationRows,
    Map<String, Double> metrics,
    Map<String, Double> baseline,
    String primaryMetric,
    boolean higherIsBetter,
    Integer modelVersion,
    String artifactSha256,
    double cpuSeconds,
    String error,
    String requestedBy,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt) {

  public boolean finished() {
    return "succeeded".equals(status) || "failed".equals(status) || "cancelled".equals(status);
  }

  public boolean queued() {
    return "queued".equals(status);
  }
}
