package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;

/** The kit passes an honest model type: nearest centroid on the two-class known answer. */
class CentroidContractTest extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new CentroidModelType(false);
  }

  @Override
  protected Task task() {
    return Task.BINARY_CLASSIFICATION;
  }
}
