package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingContext;
import io.millwright.plugin.api.model.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The smallest type that imports instead of learning (API 1.3), for the kit's own tests: the person
 * supplies the {@code centroids.tsv} a {@link CentroidModelType} saved, and training only checks
 * that it names the run's features.
 */
final class ImportedCentroidsType implements ModelType {

  @Override
  public ModelTypeDescriptor descriptor() {
    return new ModelTypeDescriptor(
        "imported-centroids",
        "1.0.0",
        "Your centroids",
        "Answers the class whose centroid, from the file you supply, is nearest.",
        Set.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION),
        Set.of(ColumnKind.NUMBER),
        List.of(),
        false,
        true);
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    if (context.cancelled()) {
      throw ModelException.cancelled();
    }
    Path file =
        context
            .suppliedModel()
            .orElseThrow(() -> ModelException.invalidInput("upload the centroids file"));
    Path folder = context.workDir().resolve("imported-" + System.nanoTime());
    try {
      Files.createDirectories(folder);
      Files.copy(file, folder.resolve("centroids.tsv"));
    } catch (IOException e) {
      throw ModelException.failed("cannot read the supplied file", e);
    }
    TrainedModel model = load(folder, context.device());
    List<String> expected = data.spec().features().stream().map(Column::name).toList();
    List<String> actual = model.signature().inputs().stream().map(Column::name).toList();
    if (!actual.equals(expected)) {
      throw ModelException.invalidInput(
          "the file has centroids over " + actual + ", the run's features are " + expected);
    }
    context.epochDone(1, 1, Map.of("classes", (double) model.signature().labels().size()));
    return model;
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return new CentroidModelType(false).load(folder, device);
  }
}
