package io.millwright.console.ports;

import java.util.List;
import java.util.Map;

/**
 * What a person asks to train in the console; the platform checks it like a training request.
 *
 * @param model the model the trained version joins; created with its first version
 * @param dataset trained at its current version, which the run pins
 * @param target the column to predict; null for anomaly detection without known anomalies
 * @param task e.g. {@code regression}; null to let the platform infer it from the target
 * @param features the columns to learn from; null or empty for every other column
 * @param timeColumn the timestamp column ordering a series (forecasting, time split), or null
 * @param split {@code random} or {@code time}; null for random
 * @param hyperParameters values by name; those left out take the type's defaults
 * @param seed the seed of every random choice; null to have one chosen and recorded
 * @param modelFile for a type that imports a trained model, the id {@link
 *     TenantModels#uploadModelFile} gave; null otherwise
 */
public record TrainingDraft(
    String model,
    String dataset,
    String target,
    String task,
    List<String> features,
    String timeColumn,
    String split,
    String modelType,
    Map<String, String> hyperParameters,
    Long seed,
    String modelFile) {}
