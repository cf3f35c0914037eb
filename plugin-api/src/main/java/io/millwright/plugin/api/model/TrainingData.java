package io.millwright.plugin.api.model;

/**
 * The data of one training run, already split by the host. Both sides can be read any number of
 * times (one pass per epoch), always in the same order, in batches of at most a few thousand rows;
 * for forecasting in the order of the time column, with the validation rows after the training
 * rows.
 */
public interface TrainingData {

  TrainingSpec spec();

  /** The rows to learn from. */
  Iterable<DataBatch> training();

  /**
   * Held-out rows a type may use for early stopping or to set a threshold; the host evaluates the
   * final model on these same rows.
   */
  Iterable<DataBatch> validation();

  long trainingRows();

  long validationRows();
}
