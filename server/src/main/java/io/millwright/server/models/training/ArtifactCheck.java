package io.millwright.server.models.training;

import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.server.models.ArtifactStore;
import io.millwright.tenancy.TenantId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;

/**
 * Loads a stored artifact back, the way serving will (decrypt, verify the checksum, unpack, the
 * type's own {@code load}), and checks it predicts what the evaluated model predicted on held-out
 * rows.
 */
final class ArtifactCheck {

  private ArtifactCheck() {}

  /**
   * @return the seconds restoring and loading took
   * @throws ModelException when the loaded model predicts differently (a broken save or load)
   */
  static double loadsBackAndAgrees(
      TrainedModel trained,
      ModelType type,
      ArtifactStore artifacts,
      TenantId tenant,
      ArtifactStore.Stored stored,
      Path work,
      TrainingData data)
      throws ModelException, IOException {
    Path restored = Files.createDirectories(work.resolve("restored"));
    long start = System.nanoTime();
    artifacts.restore(tenant, stored.location(), stored.sha256(), restored);
    try (TrainedModel loaded = type.load(restored, Device.CPU)) {
      double seconds = (System.nanoTime() - start) / 1e9;
      Iterator<DataBatch> batches = data.validation().iterator();
      if (batches.hasNext()) {
        DataBatch batch = batches.next();
        String difference = difference(trained.predict(batch), loaded.predict(batch));
        if (difference != null) {
          throw ModelException.failed(
              "Model type "
                  + type.descriptor().id()
                  + " saved an artifact that, loaded back, predicts differently from the trained"
                  + " model ("
                  + difference
                  + "); no version was registered. Report it to the plugin's maker.",
              null);
        }
      }
      return seconds;
    }
  }

  /** Where two predictions of the same rows differ, or null when they agree. */
  static String difference(Predictions expected, Predictions actual) {
    if (expected.size() != actual.size()) {
      return expected.size() + " predictions against " + actual.size();
    }
    for (int row = 0; row < expected.size(); row++) {
      if (expected.hasLabels() && !Objects.equals(expected.label(row), actual.label(row))) {
        return "row " + row + ": " + expected.label(row) + " against " + actual.label(row);
      }
      if (expected.hasFlags() && expected.flagged(row) != actual.flagged(row)) {
        return "row "
            + row
            + ": flagged "
            + expected.flagged(row)
            + " against "
            + actual.flagged(row);
      }
      double a = expected.value(row);
      double b = actual.value(row);
      if (!(Double.isNaN(a) && Double.isNaN(b))
          && Math.abs(a - b) > 1e-6 * Math.max(1.0, Math.abs(a))) {
        return "row " + row + ": " + a + " against " + b;
      }
    }
    return null;
  }
}
