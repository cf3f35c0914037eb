package io.millwright.model.torchscript;

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

  static final Path ZIP = Path.of("target/millwright-model-torchscript-1.0.0-plugin.zip");

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/model/torchscript/TorchScriptType.class");
      String properties =
          new String(
              zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(properties)
          .contains(
              "plugin.id=millwright-model-torchscript",
              "plugin.version=1.0.0",
              "plugin.requires=1.3.0",
              "plugin.provider=Millwright")
          .doesNotContain("${");
      String index =
          new String(
              zip.getInputStream(zip.getEntry("classes/META-INF/extensions.idx")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(index.lines()).contains(TorchScriptType.class.getName());
      assertThat(TorchScriptType.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
      assertThat(ModelType.class).isAssignableFrom(TorchScriptType.class);
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
      // The plugin's own name says "torchscript": look for the engine's files, not the word.
      List<String> all =
          zip.stream()
              .map(e -> e.getName().toLowerCase(Locale.ROOT))
              .filter(n -> !n.startsWith("classes/io/millwright/model/torchscript/"))
              .filter(n -> !n.equals("plugin.properties"))
              .toList();
      assertThat(all)
          .as("DJL and PyTorch come from the host: a JNI library loads in one class loader per JVM")
          .noneMatch(n -> n.contains("djl") || n.contains("pytorch") || n.contains("torch"))
          .noneMatch(n -> n.endsWith(".so") || n.contains("jna") || n.contains("gson"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"))
          .noneMatch(n -> n.startsWith("classes/ai/"));
      assertThat(zip.stream().map(e -> e.getName()))
          .as("no model file, no engine library anywhere")
          .noneMatch(n -> n.endsWith(".pt") || n.endsWith(".so") || n.endsWith(".dll"));
    }
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new TorchScriptType().descriptor();
    assertThat(d.id()).isEqualTo("torchscript");
    assertThat(d.importsModel()).isTrue();
    assertThat(d.usesGpu()).isFalse();
    assertThat(d.tasks())
        .containsExactlyInAnyOrder(
            Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION, Task.REGRESSION);
    assertThat(d.featureKinds()).containsExactlyInAnyOrder(ColumnKind.NUMBER, ColumnKind.BOOLEAN);
    assertThat(d.hyperParameters()).as("nothing to tune: it imports, it does not learn").isEmpty();
  }
}
