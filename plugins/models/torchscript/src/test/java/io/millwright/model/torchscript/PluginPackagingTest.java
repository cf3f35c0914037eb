package io.millwright.model.torchscript;

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

  static final String ID = "millwright-model-torchscript";
  static final Path ZIP = PluginZips.zipOf(ID);

  @Test
  void theZipHasTheDescriptorTheClassesTheIndexAndTheSupportLibrary() throws Exception {
    PluginZips.assertPackaged(ID, "1.3.0", TorchScriptType.class);
  }

  @Test
  void libHoldsTheSupportJarAndNothingTheHostProvides() throws Exception {
    PluginZips.assertNothingTheHostProvides(ID, TorchScriptType.class);
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
