package io.millwright.model.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the host relies on to find and load the plugin, read from the assembled zip: so failsafe
 * runs it after {@code package} (the pom moves it from surefire), beside {@link PluginZipIT}.
 */
class PluginPackagingTest {

  static final String ID = "millwright-model-forecasting";
  static final Path ZIP = PluginZips.zipOf(ID);

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    PluginZips.assertPackaged(ID, "1.2.0", ForecastMlpType.class);
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    PluginZips.assertNothingTheHostProvides(ID, ForecastMlpType.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new ForecastMlpType().descriptor();
    assertThat(d.id()).isEqualTo("forecast-mlp");
    assertThat(d.usesGpu()).isFalse();
    assertThat(d.tasks()).containsExactly(io.millwright.plugin.api.model.Task.FORECASTING);
    assertThat(d.featureKinds())
        .containsExactlyInAnyOrder(
            io.millwright.plugin.api.model.ColumnKind.TIMESTAMP,
            io.millwright.plugin.api.model.ColumnKind.NUMBER);
    assertThat(d.hyperParameters().stream().map(h -> h.name()))
        .containsExactly(
            "epochs", "hiddenLayers", "learningRate", "batchSize", "seasonLength", "lags");
    assertThat(d.hyperParameter("epochs").min()).isEqualTo(1.0);
    assertThat(d.hyperParameter("epochs").max()).isEqualTo(500.0);
    assertThat(d.hyperParameter("learningRate").min()).isEqualTo(0.0001);
    assertThat(d.hyperParameter("learningRate").max()).isEqualTo(0.1);
    assertThat(d.hyperParameter("batchSize").min()).isEqualTo(16.0);
    assertThat(d.hyperParameter("batchSize").max()).isEqualTo(1024.0);
    assertThat(d.hyperParameter("seasonLength").defaultValue()).isEqualTo("24");
    assertThat(d.hyperParameter("seasonLength").min()).isEqualTo(0.0);
    assertThat(d.hyperParameter("seasonLength").max()).isEqualTo(10080.0);
    assertThat(d.hyperParameter("lags").defaultValue()).isEqualTo("3");
    assertThat(d.hyperParameter("lags").min()).isEqualTo(1.0);
    assertThat(d.hyperParameter("lags").max()).isEqualTo(200.0);
  }
}
