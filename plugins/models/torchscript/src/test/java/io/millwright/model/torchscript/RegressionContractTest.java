package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.Task;

class RegressionContractTest extends TorchScriptContract {

  @Override
  protected Task task() {
    return Task.REGRESSION;
  }

  @Override
  protected byte[] answer() {
    return Fixtures.kitRegression();
  }
}
