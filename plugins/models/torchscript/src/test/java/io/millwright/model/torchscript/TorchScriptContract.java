package io.millwright.model.torchscript;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.kit.ModelTypeContract;
import java.nio.file.Path;
import java.util.Optional;

/** The kit's contract for the torchscript type, with a file that knows each task's answer. */
abstract class TorchScriptContract extends ModelTypeContract {

  private Path supplied;

  @Override
  protected ModelType modelType() {
    return new TorchScriptType();
  }

  /** The module that knows the known answer of {@link #task()}. */
  protected abstract byte[] answer();

  @Override
  protected Optional<Path> suppliedModel() {
    if (supplied == null) {
      supplied = Fixtures.file(answer());
    }
    return Optional.of(supplied);
  }
}
