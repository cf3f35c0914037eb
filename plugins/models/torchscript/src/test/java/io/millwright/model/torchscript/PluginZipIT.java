package io.millwright.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.kit.KitContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it, on a 1.3 host (it requires 1.3).
 * DJL and PyTorch come from the test class path, which stands for the host's. Loaded, unloaded and
 * loaded again, it still imports the committed threshold classifier: the native library was loaded
 * once, by the parent, not by the plugin's first loader.
 */
class PluginZipIT {

  private static final String ID = "millwright-model-torchscript";

  @Test
  void pf4jLoadsTheModelTypeWhichImportsSavesAndLoadsThroughItAndAgainAfterAReload(
      @TempDir Path plugins, @TempDir Path artifact) throws Exception {
    Files.copy(PluginPackagingTest.ZIP, plugins.resolve(PluginPackagingTest.ZIP.getFileName()));
    Path upload =
        Fixtures.file(Files.readAllBytes(FixturesTest.HERE.resolve("threshold-classifier.pt")));
    TrainingData data = Runs.threshold(Task.BINARY_CLASSIFICATION, 500);
    var batch = data.validation().iterator().next();

    double[] first;
    PluginManager manager = start(plugins);
    try {
      ClassLoader pluginLoader = manager.getPluginClassLoader(ID);
      List<ModelType> types = manager.getExtensions(ModelType.class, ID);
      assertThat(types).hasSize(1);
      ModelType type = types.get(0);
      assertThat(type.getClass().getClassLoader()).isSameAs(pluginLoader);
      assertThat(type.getClass()).isNotSameAs(TorchScriptType.class);
      assertThat(type.descriptor().id()).isEqualTo("torchscript");
      assertThat(type.descriptor().importsModel()).isTrue();
      assertThat(pluginLoader.loadClass("io.millwright.model.support.Json").getClassLoader())
          .as("the support library is the plugin's own")
          .isSameAs(pluginLoader);
      assertThat(pluginLoader.loadClass("ai.djl.Model"))
          .as("DJL is the host's")
          .isSameAs(ai.djl.Model.class);

      try (TrainedModel model = type.train(data, KitContext.supplying(upload))) {
        Predictions p = model.predict(batch);
        double[] above = batch.numbers("above");
        for (int r = 0; r < p.size(); r++) {
          assertThat(p.label(r)).isEqualTo(above[r] == 1 ? "true" : "false");
        }
        first = values(p);
        model.save(artifact);
      }
      try (TrainedModel loaded = type.load(artifact, Device.CPU)) {
        assertThat(values(loaded.predict(batch))).containsExactly(first);
      }
    } finally {
      stop(manager);
    }

    PluginManager again = start(plugins);
    try {
      ModelType type = again.getExtensions(ModelType.class, ID).get(0);
      assertThat(type.getClass().getClassLoader()).isSameAs(again.getPluginClassLoader(ID));
      try (TrainedModel model = type.train(data, KitContext.supplying(upload))) {
        assertThat(values(model.predict(batch)))
            .as("a new class loader, the same file: the same predictions")
            .containsExactly(first);
      }
      try (TrainedModel loaded = type.load(artifact, Device.CPU)) {
        assertThat(values(loaded.predict(batch))).containsExactly(first);
      }
    } finally {
      stop(again);
    }
  }

  private static PluginManager start(Path plugins) {
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    assertThat(manager.getPlugin(ID).getPluginState()).isEqualTo(PluginState.STARTED);
    return manager;
  }

  private static void stop(PluginManager manager) {
    // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
    manager.stopPlugin(ID);
    manager.unloadPlugin(ID);
  }

  private static double[] values(Predictions p) {
    double[] out = new double[p.size() * 2];
    for (int i = 0; i < p.size(); i++) {
      out[2 * i] = p.value(i);
      out[2 * i + 1] = p.label(i).hashCode();
    }
    return out;
  }
}
