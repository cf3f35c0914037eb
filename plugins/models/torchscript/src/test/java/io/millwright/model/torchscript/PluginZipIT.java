package io.millwright.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.kit.KitContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginManager;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it, on a 1.3 host (it requires 1.3).
 * DJL and PyTorch come from the test class path, which stands for the host's. Loaded, unloaded and
 * loaded again, it still imports the committed threshold classifier: the native library was loaded
 * once, by the parent, not by the plugin's first loader.
 */
class PluginZipIT {

  private static final String ID = PluginPackagingTest.ID;

  @Test
  void pf4jLoadsTheModelTypeWhichImportsSavesAndLoadsThroughItAndAgainAfterAReload(
      @TempDir Path plugins, @TempDir Path artifact) throws Exception {
    Files.copy(PluginPackagingTest.ZIP, plugins.resolve(PluginPackagingTest.ZIP.getFileName()));
    Path upload =
        Fixtures.file(Files.readAllBytes(FixturesTest.HERE.resolve("threshold-classifier.pt")));
    TrainingData data = Runs.threshold(Task.BINARY_CLASSIFICATION, 500);
    var batch = data.validation().iterator().next();

    double[] first;
    PluginManager manager = PluginZips.start(plugins, ID);
    try {
      ModelType type = PluginZips.loadedType(manager, ID, TorchScriptType.class, "torchscript");
      assertThat(type.descriptor().importsModel()).isTrue();

      try (TrainedModel model = type.train(data, KitContext.supplying(upload))) {
        Predictions p = model.predict(batch);
        double[] above = batch.numbers("above");
        for (int r = 0; r < p.size(); r++) {
          assertThat(p.label(r)).isEqualTo(above[r] == 1 ? "true" : "false");
        }
        first = PluginZips.values(p);
        model.save(artifact);
      }
      try (TrainedModel loaded = type.load(artifact, Device.CPU)) {
        assertThat(PluginZips.values(loaded.predict(batch))).containsExactly(first);
      }
    } finally {
      PluginZips.stop(manager, ID);
    }

    PluginManager again = PluginZips.start(plugins, ID);
    try {
      ModelType type = again.getExtensions(ModelType.class, ID).get(0);
      assertThat(type.getClass().getClassLoader()).isSameAs(again.getPluginClassLoader(ID));
      try (TrainedModel model = type.train(data, KitContext.supplying(upload))) {
        assertThat(PluginZips.values(model.predict(batch)))
            .as("a new class loader, the same file: the same predictions")
            .containsExactly(first);
      }
      try (TrainedModel loaded = type.load(artifact, Device.CPU)) {
        assertThat(PluginZips.values(loaded.predict(batch))).containsExactly(first);
      }
    } finally {
      PluginZips.stop(again, ID);
    }
  }
}
