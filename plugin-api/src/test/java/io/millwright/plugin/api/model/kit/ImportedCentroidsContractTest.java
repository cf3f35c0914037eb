package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kit runs for a type that imports (API 1.3): the supplied file is centroids a {@link
 * CentroidModelType} learned on the same known answer, with the numeric features the importing type
 * takes.
 */
class ImportedCentroidsContractTest extends ModelTypeContract {

  @Override
  protected ModelType modelType() {
    return new ImportedCentroidsType();
  }

  @Override
  protected Task task() {
    return Task.BINARY_CLASSIFICATION;
  }

  @Override
  protected Optional<Path> suppliedModel() {
    try {
      KnownAnswer k =
          KnownAnswer.forTask(task(), Map.of("epochs", "1"), SEED, Set.of(ColumnKind.NUMBER));
      Path folder = Files.createTempDirectory("supplied-centroids-");
      try (TrainedModel learned = new CentroidModelType(false).train(k.data(), new KitContext())) {
        learned.save(folder);
      }
      return Optional.of(folder.resolve("centroids.tsv"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
