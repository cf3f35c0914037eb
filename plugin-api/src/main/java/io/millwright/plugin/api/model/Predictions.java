package io.millwright.plugin.api.model;

import java.util.Objects;

/**
 * What a model says about each row of a batch, in the batch's order. Classification gives labels
 * with their confidence (0 to 1); regression and forecasting give values; anomaly detection gives a
 * score (higher is more unusual) and whether it is over the learned threshold.
 */
public final class Predictions {

  private final String[] labels;
  private final double[] values;
  private final boolean[] flags;

  private Predictions(String[] labels, double[] values, boolean[] flags) {
    this.labels = labels;
    this.values = values;
    this.flags = flags;
  }

  /** Classes and their confidence. */
  public static Predictions labels(String[] labels, double[] confidence) {
    if (labels.length != confidence.length) {
      throw new IllegalArgumentException("a confidence per label");
    }
    return new Predictions(labels.clone(), confidence.clone(), null);
  }

  /** Numbers (regression, forecasting). */
  public static Predictions values(double[] values) {
    return new Predictions(null, values.clone(), null);
  }

  /** Anomaly scores and the verdict at the learned threshold. */
  public static Predictions anomalies(double[] scores, boolean[] anomalous) {
    if (scores.length != anomalous.length) {
      throw new IllegalArgumentException("a verdict per score");
    }
    return new Predictions(null, scores.clone(), anomalous.clone());
  }

  public int size() {
    return values.length;
  }

  public boolean hasLabels() {
    return labels != null;
  }

  public boolean hasFlags() {
    return flags != null;
  }

  /** The predicted class of a row. */
  public String label(int row) {
    Objects.requireNonNull(labels, "these predictions have no labels");
    return labels[row];
  }

  /** The confidence of a label, the predicted number, or the anomaly score of a row. */
  public double value(int row) {
    return values[row];
  }

  /** Whether a row is over the anomaly threshold. */
  public boolean flagged(int row) {
    Objects.requireNonNull(flags, "these predictions have no anomaly verdicts");
    return flags[row];
  }
}
