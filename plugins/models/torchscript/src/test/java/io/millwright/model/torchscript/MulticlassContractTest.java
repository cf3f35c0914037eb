package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.Task;

class MulticlassContractTest extends TorchScriptContract {

  @Override
  protected Task task() {
    return Task.MULTICLASS_CLASSIFICATION;
  }

  @Override
  protected byte[] answer() {
    return Fixtures.kitMulticlass();
  }
}
