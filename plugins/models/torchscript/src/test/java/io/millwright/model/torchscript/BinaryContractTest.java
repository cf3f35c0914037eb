package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.Task;

class BinaryContractTest extends TorchScriptContract {

  @Override
  protected Task task() {
    return Task.BINARY_CLASSIFICATION;
  }

  @Override
  protected byte[] answer() {
    return Fixtures.kitBinary();
  }
}
