package io.millwright.model.tabular;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target as the network sees it: a class index (labels sorted, so the same classes always get
 * the same outputs) or the value standardized with the training rows' mean and standard deviation,
 * undone on prediction. A missing target (or, in validation, a class training never saw) is NaN:
 * the row is left out.
 */
record Targets(Task task, Column target, List<String> labels, double mean, double std) {

  Targets {
    labels = List.copyOf(labels);
  }

  boolean classification() {
    return task != Task.REGRESSION;
  }

  int outputs() {
    return classification() ? labels.size() : 1;
  }

  String describe() {
    return classification()
        ? labels.size() + " classes"
        : String.format("target mean %.4g, standard deviation %.4g", mean, std);
  }

  static Targets fit(Task task, Column target, Iterable<DataBatch> training) throws ModelException {
    if (task == Task.REGRESSION) {
      if (target.kind() != ColumnKind.NUMBER) {
        throw ModelException.invalidInput(
            "regression predicts a number; " + target.name() + " is " + target.kind());
      }
      long count = 0;
      double mean = 0;
      double m2 = 0;
      for (DataBatch batch : training) {
        for (double v : batch.numbers(target.name())) {
          if (Double.isFinite(v)) {
            count++;
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
          }
        }
      }
      if (count == 0) {
        throw ModelException.invalidInput(target.name() + " has no values in the training rows");
      }
      double std = Math.sqrt(m2 / count);
      return new Targets(task, target, List.of(), mean, std > 0 && Double.isFinite(std) ? std : 1);
    }
    if (target.kind() == ColumnKind.TIMESTAMP) {
      throw ModelException.invalidInput(
          "a timestamp cannot be a class to predict: " + target.name());
    }
    List<String> labels = TabularMlpType.labels(target, training);
    if (labels.size() < 2) {
      throw ModelException.invalidInput(
          target.name()
              + " has "
              + (labels.isEmpty() ? "no values" : "only the value " + labels.get(0))
              + " in the training rows: there is nothing to tell apart");
    }
    if (task == Task.BINARY_CLASSIFICATION && labels.size() > 2) {
      throw ModelException.invalidInput(
          target.name()
              + " has "
              + labels.size()
              + " different values; two-class classification needs exactly two");
    }
    return new Targets(task, target, labels, 0, 1);
  }

  /** One float per row: class index or scaled value; NaN to leave the row out. */
  float[] encode(DataBatch batch) {
    float[] out = new float[batch.size()];
    if (!classification()) {
      double[] values = batch.numbers(target.name());
      for (int r = 0; r < out.length; r++) {
        out[r] = Double.isFinite(values[r]) ? (float) ((values[r] - mean) / std) : Float.NaN;
      }
      return out;
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    String[] values = labelsOf(target, batch);
    for (int r = 0; r < out.length; r++) {
      Integer i = values[r] == null ? null : index.get(values[r]);
      out[r] = i == null ? Float.NaN : i;
    }
    return out;
  }

  /** The predicted value from the network's scaled output. */
  double value(float output) {
    return output * std + mean;
  }

  /** A classification target's values as label text (null where missing). */
  static String[] labelsOf(Column target, DataBatch batch) {
    if (!target.kind().numeric()) {
      return batch.strings(target.name());
    }
    double[] values = batch.numbers(target.name());
    String[] out = new String[values.length];
    for (int r = 0; r < values.length; r++) {
      double v = values[r];
      if (!Double.isFinite(v)) {
        continue;
      }
      if (target.kind() == ColumnKind.BOOLEAN) {
        out[r] = v != 0 ? "true" : "false";
      } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        out[r] = Long.toString((long) v);
      } else {
        out[r] = Double.toString(v);
      }
    }
    return out;
  }
}
