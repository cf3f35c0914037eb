package io.millwright.model.forecasting;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.kit.ModelTypeContract;
import java.util.Map;

/**
 * The kit's contract on its hourly series with a daily season, with settings that keep each
 * training to about a second on a busy CPU.
 */
class ForecastContractTest extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new ForecastMlpType();
  }

  @Override
  protected Task task() {
    return Task.FORECASTING;
  }

  @Override
  protected Map<String, String> hyperParameters() {
    return Map.of("epochs", "10", "hiddenLayers", "32,16", "batchSize", "64");
  }
}
