package io.millwright.plugin.api.model;

import java.nio.file.Path;

/**
 * A model that can predict: fresh from training or loaded from its artifact. Its preprocessing
 * (scaling, category codes, missing-value fills, text hashing, the learned threshold) is part of it
 * and of what it saves, so a loaded model predicts exactly as the trained one did.
 */
public interface TrainedModel extends AutoCloseable {

  ModelSignature signature();

  /**
   * Predicts every row of a batch that has the signature's input columns. Missing values (NaN,
   * null) and categories never seen in training must give a prediction, not an error.
   */
  Predictions predict(DataBatch batch) throws ModelException;

  /**
   * Writes everything needed to load the model again into an empty folder; the host stores the
   * files encrypted and records their checksum.
   */
  void save(Path folder) throws ModelException;

  @Override
  default void close() {}
}
