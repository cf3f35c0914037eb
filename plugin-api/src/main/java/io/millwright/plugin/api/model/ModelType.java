package io.millwright.plugin.api.model;

import java.nio.file.Path;
import org.pf4j.ExtensionPoint;

/**
 * A kind of model a tenant can train: the extension point of model-type plugins (API 1.2; types
 * that import a supplied model since 1.3).
 *
 * <p>Implementations are stateless and thread-safe: the host trains several runs at once with the
 * same instance. All randomness must come from {@link TrainingSpec#seed()}, so that the same
 * snapshot, seed and hyperparameters give the same model.
 */
public interface ModelType extends ExtensionPoint {

  ModelTypeDescriptor descriptor();

  /**
   * Trains a model, reporting each epoch and stopping when cancelled. A type that {@linkplain
   * ModelTypeDescriptor#importsModel() imports} a model instead loads {@link
   * TrainingContext#suppliedModel()}, checks it against the data (reporting the check as one epoch)
   * and refuses a missing or unfit file with {@code INVALID_INPUT}.
   *
   * @throws ModelException {@code INVALID_INPUT} when the data cannot work, {@code CANCELLED} when
   *     the context said so
   */
  TrainedModel train(TrainingData data, TrainingContext context) throws ModelException;

  /** Loads a model this type saved (in this or an earlier version of the type). */
  TrainedModel load(Path folder, Device device) throws ModelException;
}
