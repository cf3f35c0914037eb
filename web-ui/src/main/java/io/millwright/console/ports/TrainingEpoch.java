package io.millwright.console.ports;

import java.util.Map;

/**
 * One finished epoch of a training run.
 *
 * @param metrics the model type's figures for it, e.g. {@code loss}, {@code validation_loss}; a
 *     value the type could not compute is absent
 */
public record TrainingEpoch(int epoch, Map<String, Double> metrics) {}
