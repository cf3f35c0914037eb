package io.millwright.model.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the host relies on to find and load the plugin, read from the assembled zip: so failsafe
 * runs it after {@code package} (the pom moves it from surefire), beside {@link PluginZipIT}.
 */
class PluginPackagingTest {

  static final String ID = "millwright-model-tabular";
  static final Path ZIP = PluginZips.zipOf(ID);

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    PluginZips.assertPackaged(ID, "1.2.0", TabularMlpType.class);
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    PluginZips.assertNothingTheHostProvides(ID, TabularMlpType.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new TabularMlpType().descriptor();
    assertThat(d.id()).isEqualTo("tabular-mlp");
    assertThat(d.usesGpu()).isFalse();
    assertThat(d.tasks())
        .containsExactlyInAnyOrder(
            io.millwright.plugin.api.model.Task.BINARY_CLASSIFICATION,
            io.millwright.plugin.api.model.Task.MULTICLASS_CLASSIFICATION,
            io.millwright.plugin.api.model.Task.REGRESSION);
    assertThat(d.hyperParameters().stream().map(h -> h.name()))
        .containsExactly(
            "epochs", "hiddenLayers", "learningRate", "batchSize", "earlyStoppingPatience");
    assertThat(d.hyperParameter("epochs").min()).isEqualTo(1.0);
    assertThat(d.hyperParameter("epochs").max()).isEqualTo(500.0);
    assertThat(d.hyperParameter("learningRate").min()).isEqualTo(0.001);
    assertThat(d.hyperParameter("learningRate").max()).isEqualTo(0.1);
    assertThat(d.hyperParameter("batchSize").min()).isEqualTo(16.0);
    assertThat(d.hyperParameter("batchSize").max()).isEqualTo(1024.0);
  }
}
