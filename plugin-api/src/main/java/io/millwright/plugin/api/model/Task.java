package io.millwright.plugin.api.model;

/** What a model learns to do; the host picks metrics and the naive baseline from it. */
public enum Task {
  /** Two classes; metric accuracy and F1 of the rarer class, baseline the majority class. */
  BINARY_CLASSIFICATION,
  /** Three or more classes; metric accuracy and macro F1, baseline the majority class. */
  MULTICLASS_CLASSIFICATION,
  /** A number; metrics RMSE, MAE and R², baseline the training mean. */
  REGRESSION,
  /**
   * The next values of a series ordered by a timestamp column; metrics MAE and RMSE, baseline the
   * last known value.
   */
  FORECASTING,
  /**
   * Unusual rows, learned from (mostly normal) data without a target; the target column, when the
   * dataset has one, only marks known anomalies for evaluation (precision, recall, F1; baseline
   * flags nothing).
   */
  ANOMALY_DETECTION,
  /** A class from free text (emails, tickets, order notes); metrics as for classification. */
  TEXT_CLASSIFICATION
}
