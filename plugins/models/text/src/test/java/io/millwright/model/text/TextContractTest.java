package io.millwright.model.text;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.kit.ModelTypeContract;
import java.util.Map;

/** The kit's contract on its short notes, with settings that keep each training short. */
class TextContractTest extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new TextNgramsType();
  }

  @Override
  protected Task task() {
    return Task.TEXT_CLASSIFICATION;
  }

  @Override
  protected Map<String, String> hyperParameters() {
    return Map.of("epochs", "4", "buckets", "4096", "hiddenLayers", "32", "batchSize", "64");
  }
}
