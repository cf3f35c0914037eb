package io.millwright.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.model.support.testing.PluginZips;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.Task;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the host relies on to find and load the plugin, read from the assembled zip: so failsafe
 * runs it after {@code package} (the pom moves it from surefire), beside {@link PluginZipIT}.
 */
class PluginPackagingTest {

  static final String ID = "millwright-model-text";
  static final Path ZIP = PluginZips.zipOf(ID);

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    PluginZips.assertPackaged(ID, "1.2.0", TextNgramsType.class);
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    PluginZips.assertNothingTheHostProvides(ID, TextNgramsType.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new TextNgramsType().descriptor();
    assertThat(d.id()).isEqualTo("text-ngrams");
    assertThat(d.usesGpu()).isTrue();
    assertThat(d.tasks()).containsExactly(Task.TEXT_CLASSIFICATION);
    assertThat(d.featureKinds())
        .containsExactlyInAnyOrder(
            ColumnKind.TEXT, ColumnKind.CATEGORY, ColumnKind.NUMBER, ColumnKind.BOOLEAN);
    assertThat(d.hyperParameters().stream().map(h -> h.name()))
        .containsExactly(
            "epochs",
            "buckets",
            "ngrams",
            "hiddenLayers",
            "learningRate",
            "batchSize",
            "earlyStoppingPatience");
    assertThat(d.hyperParameter("buckets").defaultValue()).isEqualTo("16384");
    assertThat(d.hyperParameter("buckets").min()).isEqualTo(1024.0);
    assertThat(d.hyperParameter("buckets").max()).isEqualTo(262144.0);
    assertThat(d.hyperParameter("ngrams").choices())
        .containsExactly("words", "words+bigrams", "words+bigrams+chars");
    assertThat(d.hyperParameter("hiddenLayers").choices()).contains("none");
    assertThat(d.hyperParameter("epochs").min()).isEqualTo(1.0);
    assertThat(d.hyperParameter("epochs").max()).isEqualTo(500.0);
    assertThat(d.hyperParameter("learningRate").min()).isEqualTo(0.0001);
    assertThat(d.hyperParameter("learningRate").max()).isEqualTo(0.1);
    assertThat(d.hyperParameter("batchSize").min()).isEqualTo(8.0);
    assertThat(d.hyperParameter("batchSize").max()).isEqualTo(1024.0);
  }
}
