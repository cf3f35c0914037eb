package io.millwright.model.tabular;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.kit.ModelTypeContract;
import java.util.Map;

/** The kit's contract with settings that keep each training to about a second on a busy CPU. */
abstract class TabularContract extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new TabularMlpType();
  }

  @Override
  protected Map<String, String> hyperParameters() {
    return Map.of("epochs", "8", "hiddenLayers", "32,16", "batchSize", "64");
  }
}
