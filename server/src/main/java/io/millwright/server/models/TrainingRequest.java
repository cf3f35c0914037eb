package io.millwright.server.models;

import java.util.List;
import java.util.Map;

/**
 * What a person asks to train (request body of {@code POST .../training-runs}).
 *
 * @param model the model (registry name) the trained version joins; created on its first version
 * @param version the dataset version (snapshot id) to pin; the current one when absent
 * @param task {@code binary-classification}, {@code multiclass-classification}, {@code regression},
 *     {@code forecasting}, {@code anomaly-detection} or {@code text-classification}; inferred from
 *     the target's type when absent
 * @param features the columns to learn from; every other column but the target when absent
 * @param textColumns string features to read as free text rather than as categories
 * @param split {@code random} (default) or {@code time} (needs {@code timeColumn})
 * @param validationFraction the share held out for evaluation (default 0.2)
 * @param seed the seed of every random choice; a random one is chosen and recorded when absent
 * @param device {@code auto} (default: a GPU when the type uses one, a GPU is present and the quota
 *     allows, else the CPU), {@code cpu}, or {@code gpu} (refused when the tenant has no GPU quota
 *     or has used its GPU hours this month)
 * @param modelFile for a type that imports a trained model (e.g. {@code torchscript}), the id of
 *     the file uploaded to {@code POST .../model-files}
 */
public record TrainingRequest(
    String model,
    String dataset,
    Long version,
    String target,
    String task,
    List<String> features,
    List<String> textColumns,
    String timeColumn,
    String modelType,
    String split,
    Double validationFraction,
    Map<String, String> hyperParameters,
    Long seed,
    String device,
    String modelFile) {}
