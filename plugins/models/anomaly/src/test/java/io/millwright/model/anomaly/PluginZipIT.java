package io.millwright.model.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.kit.KitContext;
import io.millwright.plugin.api.model.kit.KnownAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginManager;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it. DJL and PyTorch come from the test
 * class path, which stands for the host's: the plugin's class loader finds its own classes and the
 * support library in the zip, and DJL in its parent. Loaded, unloaded and loaded again, it still
 * trains: the native library was loaded once, by the parent, not by the plugin's first loader.
 */
class PluginZipIT {

  private static final String ID = PluginPackagingTest.ID;

  @Test
  void pf4jLoadsTheModelTypeWhichTrainsSavesAndLoadsThroughItAndAgainAfterAReload(
      @TempDir Path plugins, @TempDir Path artifact) throws Exception {
    Files.copy(PluginPackagingTest.ZIP, plugins.resolve(PluginPackagingTest.ZIP.getFileName()));
    KnownAnswer k =
        KnownAnswer.forTask(
            Task.ANOMALY_DETECTION,
            Map.of(
                "epochs", "10",
                "bottleneck", "0",
                "hiddenSize", "16",
                "learningRate", "0.005",
                "batchSize", "64",
                "thresholdQuantile", "0.98"),
            1L);

    double[] first;
    PluginManager manager = PluginZips.start(plugins, ID);
    try {
      ModelType type =
          PluginZips.loadedType(manager, ID, AnomalyAutoencoderType.class, "anomaly-autoencoder");

      try (TrainedModel model = type.train(k.data(), new KitContext())) {
        Predictions p = model.predict(k.validation());
        double f1 = k.scorer().score(p, k.validation());
        assertThat(f1).isGreaterThanOrEqualTo(0.6);
        first = PluginZips.values(p);
        model.save(artifact);
      }
      try (TrainedModel loaded = type.load(artifact, Device.CPU)) {
        assertThat(PluginZips.values(loaded.predict(k.validation()))).containsExactly(first);
      }
    } finally {
      PluginZips.stop(manager, ID);
    }

    PluginManager again = PluginZips.start(plugins, ID);
    try {
      ModelType type = again.getExtensions(ModelType.class, ID).get(0);
      assertThat(type.getClass().getClassLoader()).isSameAs(again.getPluginClassLoader(ID));
      // Reloaded, the type still learns the known answer. Bit for bit the first loader's model is
      // not asserted: CI saw a retrain here diverge twice in some fifteen runs (forecasting, then
      // anomaly), an open bug described in plugins/models/README.md. Reproducibility within one
      // loader stays asserted bit for bit (MlpTrainerTest) and end to end (TrainingIT).
      try (TrainedModel model = type.train(k.data(), new KitContext())) {
        Predictions p = model.predict(k.validation());
        double f1 = k.scorer().score(p, k.validation());
        assertThat(f1).isGreaterThanOrEqualTo(0.6);
      }
    } finally {
      PluginZips.stop(again, ID);
    }
  }
}
