package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.util.List;

/** Training data held in memory, as the host would split and batch it. */
public record KitTrainingData(
    TrainingSpec spec, List<DataBatch> trainingBatches, List<DataBatch> validationBatches)
    implements TrainingData {

  @Override
  public Iterable<DataBatch> training() {
    return trainingBatches;
  }

  @Override
  public Iterable<DataBatch> validation() {
    return validationBatches;
  }

  @Override
  public long trainingRows() {
    return trainingBatches.stream().mapToLong(DataBatch::size).sum();
  }

  @Override
  public long validationRows() {
    return validationBatches.stream().mapToLong(DataBatch::size).sum();
  }
}
