package io.millwright.console.ports;

import java.time.Instant;
import java.util.Map;

/**
 * One version of a model with what it takes to reproduce and trust it.
 *
 * @param runId the training run that made it
 * @param datasetVersion the dataset version (snapshot id) it was trained on
 * @param hyperParameters every hyperparameter, defaults filled in
 * @param metrics computed by the platform on the held-out rows
 * @param baseline the naive baseline's same metrics
 * @param artifactSha256 the checksum of the stored model
 */
public record ModelVersionRow(
    int version,
    String runId,
    String modelType,
    String modelTypeVersion,
    String plugin,
    String pluginVersion,
    String dataset,
    long datasetVersion,
    Map<String, String> hyperParameters,
    long seed,
    Map<String, Double> metrics,
    Map<String, Double> baseline,
    String artifactSha256,
    Instant createdAt,
    String createdBy) {}
