package io.millwright.model.tabular;

import io.millwright.plugin.api.model.Task;

class BinaryContractTest extends TabularContract {

  @Override
  protected Task task() {
    return Task.BINARY_CLASSIFICATION;
  }
}
