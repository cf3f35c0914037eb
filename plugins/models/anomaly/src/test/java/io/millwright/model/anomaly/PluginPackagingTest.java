package io.millwright.model.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the host relies on to find and load the plugin, read from the assembled zip: so failsafe
 * runs it after {@code package} (the pom moves it from surefire), beside {@link PluginZipIT}.
 */
class PluginPackagingTest {

  static final String ID = "millwright-model-anomaly";
  static final Path ZIP = PluginZips.zipOf(ID);

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    PluginZips.assertPackaged(ID, "1.2.0", AnomalyAutoencoderType.class);
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    PluginZips.assertNothingTheHostProvides(ID, AnomalyAutoencoderType.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new AnomalyAutoencoderType().descriptor();
    assertThat(d.id()).isEqualTo("anomaly-autoencoder");
    assertThat(d.usesGpu()).isFalse();
    assertThat(d.tasks()).containsExactly(io.millwright.plugin.api.model.Task.ANOMALY_DETECTION);
    assertThat(d.featureKinds())
        .containsExactlyInAnyOrder(
            io.millwright.plugin.api.model.ColumnKind.NUMBER,
            io.millwright.plugin.api.model.ColumnKind.BOOLEAN,
            io.millwright.plugin.api.model.ColumnKind.CATEGORY,
            io.millwright.plugin.api.model.ColumnKind.TIMESTAMP);
    assertThat(d.hyperParameters().stream().map(h -> h.name()))
        .containsExactly(
            "epochs", "bottleneck", "hiddenSize", "learningRate", "batchSize", "thresholdQuantile");
    assertThat(d.hyperParameter("epochs").min()).isEqualTo(1.0);
    assertThat(d.hyperParameter("epochs").max()).isEqualTo(500.0);
    assertThat(d.hyperParameter("learningRate").min()).isEqualTo(0.0001);
    assertThat(d.hyperParameter("learningRate").max()).isEqualTo(0.1);
    assertThat(d.hyperParameter("batchSize").min()).isEqualTo(16.0);
    assertThat(d.hyperParameter("batchSize").max()).isEqualTo(1024.0);
    assertThat(d.hyperParameter("thresholdQuantile").defaultValue()).isEqualTo("0.98");
    assertThat(d.hyperParameter("thresholdQuantile").min()).isEqualTo(0.8);
    assertThat(d.hyperParameter("thresholdQuantile").max()).isEqualTo(0.9999);
    assertThat(d.hyperParameter("bottleneck").defaultValue()).isEqualTo("0");
  }
}
