package io.millwright.model.text;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The classes of the target: its distinct training values, sorted (so the same classes always get
 * the same outputs), with how many training rows had each (the prior, answered when a row has
 * nothing to go on). A missing target, or in validation a class training never saw, leaves the row
 * out.
 */
record Classes(Column target, List<String> labels, List<Long> counts) {

  /** More classes than this is not a routing a text model should be asked for. */
  static final int MAX_CLASSES = 1000;

  Classes {
    labels = List.copyOf(labels);
    counts = List.copyOf(counts);
    if (labels.size() != counts.size()) {
      throw new IllegalArgumentException("a count per label");
    }
  }

  int size() {
    return labels.size();
  }

  long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  /** The most frequent class (the first in order on a tie). */
  int mostFrequent() {
    int best = 0;
    for (int i = 1; i < counts.size(); i++) {
      if (counts.get(i) > counts.get(best)) {
        best = i;
      }
    }
    return best;
  }

  static Classes fit(Column target, Iterable<DataBatch> training) throws ModelException {
    if (target.kind() == ColumnKind.TIMESTAMP) {
      throw ModelException.invalidInput(
          "a timestamp cannot be a class to predict: " + target.name());
    }
    TreeMap<String, Long> seen = new TreeMap<>();
    for (DataBatch batch : training) {
      if (!batch.has(target.name())) {
        throw ModelException.invalidInput("the data has no column " + target.name());
      }
      for (String label : labelsOf(target, batch)) {
        if (label != null) {
          seen.merge(label, 1L, Long::sum);
          if (seen.size() > MAX_CLASSES) {
            throw ModelException.invalidInput(
                target.name()
                    + " has more than "
                    + MAX_CLASSES
                    + " different values: choose a coarser column to route by");
          }
        }
      }
    }
    if (seen.size() < 2) {
      throw ModelException.invalidInput(
          target.name()
              + " has "
              + (seen.isEmpty() ? "no values" : "only the value " + seen.firstKey())
              + " in the training rows: there is nothing to tell apart");
    }
    return new Classes(target, List.copyOf(seen.keySet()), List.copyOf(seen.values()));
  }

  /** One float per row: the class index, NaN for a missing or unknown class. */
  float[] encode(DataBatch batch) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      index.put(labels.get(i), i);
    }
    String[] values = labelsOf(target, batch);
    float[] out = new float[values.length];
    for (int r = 0; r < out.length; r++) {
      Integer i = values[r] == null ? null : index.get(values[r]);
      out[r] = i == null ? Float.NaN : i;
    }
    return out;
  }

  /** A target's values as label text (null where missing): numbers as {@code 1}, {@code 2.5}. */
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
