package io.millwright.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the host relies on to find and load the plugin, read from the assembled zip: so failsafe
 * runs it after {@code package} (the pom moves it from surefire), beside {@link PluginZipIT}.
 */
class PluginPackagingTest {

  static final Path ZIP = Path.of("target/millwright-model-text-1.0.0-plugin.zip");

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/model/text/TextNgramsType.class");
      String properties =
          new String(
              zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(properties)
          .contains(
              "plugin.id=millwright-model-text",
              "plugin.version=1.0.0",
              "plugin.requires=1.2.0",
              "plugin.provider=Millwright")
          .doesNotContain("${");
      String index =
          new String(
              zip.getInputStream(zip.getEntry("classes/META-INF/extensions.idx")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(index.lines()).contains(TextNgramsType.class.getName());
      assertThat(TextNgramsType.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
      assertThat(ModelType.class).isAssignableFrom(TextNgramsType.class);
    }
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> jars =
          zip.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
              .toList();
      assertThat(jars)
          .as("only the shared support library")
          .containsExactly("lib/millwright-model-support-0.1.0-SNAPSHOT.jar");
      List<String> all = zip.stream().map(e -> e.getName().toLowerCase(Locale.ROOT)).toList();
      assertThat(all)
          .as("DJL and PyTorch come from the host: a JNI library loads in one class loader per JVM")
          .noneMatch(n -> n.contains("djl") || n.contains("pytorch") || n.contains("torch"))
          .noneMatch(n -> n.endsWith(".so") || n.contains("jna") || n.contains("gson"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"))
          .noneMatch(n -> n.startsWith("classes/ai/"));
    }
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
