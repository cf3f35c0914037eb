package io.millwright.model.tabular;

import io.millwright.plugin.api.model.Task;

class RegressionContractTest extends TabularContract {

  @Override
  protected Task task() {
    return Task.REGRESSION;
  }
}
