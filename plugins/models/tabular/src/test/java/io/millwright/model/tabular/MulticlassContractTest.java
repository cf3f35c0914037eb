package io.millwright.model.tabular;

import io.millwright.plugin.api.model.Task;

class MulticlassContractTest extends TabularContract {

  @Override
  protected Task task() {
    return Task.MULTICLASS_CLASSIFICATION;
  }
}
