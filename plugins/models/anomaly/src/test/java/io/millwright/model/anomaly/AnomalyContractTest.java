package io.millwright.model.anomaly;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.kit.ModelTypeContract;
import java.util.Map;

/**
 * The kit's contract on its two correlated sensor readings with 2% injected faults, with settings
 * that keep each training to about a second on a busy CPU.
 */
class AnomalyContractTest extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new AnomalyAutoencoderType();
  }

  @Override
  protected Task task() {
    return Task.ANOMALY_DETECTION;
  }

  @Override
  protected Map<String, String> hyperParameters() {
    return Map.of("epochs", "15", "batchSize", "64");
  }
}
