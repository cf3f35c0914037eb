package io.millwright.server.models;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A training run as stored: what was asked (dataset pinned at a snapshot, model type, target,
 * features, split, hyperparameters, seed) and what became of it.
 *
 * @param features column name and kind ({@code number}, {@code category}, ...)
 * @param epochs one entry per finished epoch: {@code epoch}, {@code epochs} and the type's metrics
 * @param metrics computed by the host on the held-out rows; null until it succeeded
 * @param baseline the naive baseline's same metrics
 * @param timings what the platform's own steps took, e.g. {@code artifactSaveSeconds}; empty until
 *     it succeeded
 * @param modelFile the uploaded file a run of an importing type imports; null otherwise
 */
public record TrainingRun(
    TenantId tenant,
    UUID id,
    String modelName,
    UUID datasetId,
    String datasetName,
    long snapshotId,
    String modelType,
    String task,
    String target,
    List<Map<String, String>> features,
    String timeColumn,
    String split,
    double validationFraction,
    Map<String, String> hyperParameters,
    long seed,
    String device,
    String status,
    String waitingReason,
    boolean cancelRequested,
    int attempts,
    String nodeId,
    String pluginId,
    String pluginVersion,
    String modelTypeVersion,
    List<Map<String, Object>> epochs,
    Integer epochsPlanned,
    Map<String, Double> metrics,
    Map<String, Double> baseline,
    Long trainingRows,
    Long validationRows,
    String artifactSha256,
    Long artifactBytes,
    double cpuSeconds,
    double gpuSeconds,
    Integer modelVersion,
    String error,
    String requestedBy,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Double> timings,
    UUID modelFile) {

  public boolean finished() {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }
}
