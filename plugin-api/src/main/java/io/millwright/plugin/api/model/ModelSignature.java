package io.millwright.plugin.api.model;

import java.util.List;
import java.util.Objects;

/**
 * What a trained model takes and gives: recorded with the model version, checked before scoring a
 * batch, shown on the model's page.
 *
 * @param inputs the columns a batch must have
 * @param output the predicted column (its name and kind); for anomaly detection, the score
 * @param labels the classes a classifier can answer, in a stable order; empty otherwise
 */
public record ModelSignature(Task task, List<Column> inputs, Column output, List<String> labels) {

  public ModelSignature {
    Objects.requireNonNull(task, "task");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(output, "output");
    labels = labels == null ? List.of() : List.copyOf(labels);
  }
}
