package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Task;
import java.util.List;

/**
 * What the person's module takes and gives, fixed when it is imported:
 *
 * <ul>
 *   <li>input: the run's feature columns, in the run's order, as one float32 tensor {@code [batch,
 *       features.size()]}; a missing value (NaN, null) is 0;
 *   <li>output, regression: one number per row, {@code [batch]} or {@code [batch, 1]};
 *   <li>output, classification: {@code [batch, labels.size()]} scores, column {@code i} for {@code
 *       labels.get(i)}; the predicted label is the highest score's. Scores are logits (the
 *       confidence is their softmax) unless {@code probabilities}: every training row's scores were
 *       already non-negative and summed to 1, and are the confidence as they are.
 * </ul>
 */
record Io(
    Task task, List<Column> features, Column target, List<String> labels, boolean probabilities) {

  Io {
    features = List.copyOf(features);
    labels = List.copyOf(labels);
  }

  boolean classification() {
    return task != Task.REGRESSION;
  }

  int width() {
    return features.size();
  }

  /** Scores per row: one per class, or one value. */
  int outputs() {
    return classification() ? labels.size() : 1;
  }

  /** The expected input in words, e.g. {@code float32 [batch, 2] (x1, x2)}. */
  String inputText() {
    return "float32 [batch, "
        + width()
        + "] ("
        + String.join(", ", features.stream().map(Column::name).toList())
        + ")";
  }

  /** The rows from {@code from} (inclusive) to {@code to} as the module's input, row-major. */
  float[] input(DataBatch batch, int from, int to) {
    int rows = to - from;
    int width = width();
    float[] x = new float[rows * width];
    for (int f = 0; f < width; f++) {
      double[] values = batch.numbers(features.get(f).name());
      for (int r = 0; r < rows; r++) {
        double v = values[from + r];
        x[r * width + f] = Double.isNaN(v) ? 0f : (float) v;
      }
    }
    return x;
  }

  /**
   * Why an output of this shape for {@code rows} rows does not keep the contract; null if it does.
   */
  String shapeProblem(long[] shape, int rows) {
    String actual = TorchScriptNet.shapeText(shape);
    if (!classification()) {
      boolean ok =
          (shape.length == 1 && shape[0] == rows)
              || (shape.length == 2 && shape[0] == rows && shape[1] == 1);
      return ok
          ? null
          : "it returns shape "
              + actual
              + " for "
              + rows
              + " rows; regression needs one number per row: shape ["
              + rows
              + "] or ["
              + rows
              + ", 1]";
    }
    int k = labels.size();
    if (shape.length == 2 && shape[0] == rows && shape[1] == k) {
      return null;
    }
    String classes = k + " classes of " + target.name() + " (" + String.join(", ", labels) + ")";
    if (shape.length == 2 && shape[0] == rows) {
      return "it returns "
          + shape[1]
          + " scores per row (shape "
          + actual
          + "), but the training rows have "
          + classes
          + ": it must return shape ["
          + rows
          + ", "
          + k
          + "], column i the score of the i-th class in that order";
    }
    return "it returns shape "
        + actual
        + " for "
        + rows
        + " rows; classification needs one score per class and row, shape ["
        + rows
        + ", "
        + k
        + "], for the "
        + classes;
  }
}
