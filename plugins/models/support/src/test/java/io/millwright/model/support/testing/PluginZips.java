package io.millwright.model.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Predictions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * What every model plugin's packaging and loading tests check, once: the assembled zip has what the
 * host reads (descriptor, classes, extension index) and nothing the host provides (DJL, PyTorch,
 * PF4J, the plugin API, native libraries), and PF4J loads its model type in the plugin's own class
 * loader with DJL from the host's. Each plugin's tests add what is its own (its descriptor, its
 * known answer). Published in this module's test-jar.
 */
public final class PluginZips {

  private PluginZips() {}

  /** The assembled zip of a module, as its build names it. */
  public static Path zipOf(String pluginId) {
    return Path.of("target/" + pluginId + "-1.0.0-plugin.zip");
  }

  /** The descriptor (filtered), the type's class and the extension index that names it. */
  public static void assertPackaged(
      String pluginId, String requires, Class<? extends ModelType> type) throws IOException {
    try (ZipFile zip = new ZipFile(zipOf(pluginId).toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/" + type.getName().replace('.', '/') + ".class");
      assertThat(text(zip, "plugin.properties"))
          .contains(
              "plugin.id=" + pluginId,
              "plugin.version=1.0.0",
              "plugin.requires=" + requires,
              "plugin.provider=Millwright")
          .doesNotContain("${");
      assertThat(text(zip, "classes/META-INF/extensions.idx").lines()).contains(type.getName());
      assertThat(type.getAnnotation(org.pf4j.Extension.class)).isNotNull();
    }
  }

  /**
   * {@code lib/} holds the support library only, and nothing anywhere is DJL, PyTorch, JNA, Gson,
   * PF4J, the plugin API or a native library: a JNI library loads in one class loader per JVM, so
   * those must come from the host. The plugin's own classes are left out of the name check (a type
   * may be called "torchscript").
   */
  public static void assertNothingTheHostProvides(String pluginId, Class<?> type)
      throws IOException {
    String own = "classes/" + type.getPackageName().replace('.', '/') + "/";
    try (ZipFile zip = new ZipFile(zipOf(pluginId).toFile())) {
      List<String> jars =
          zip.stream()
              .map(e -> e.getName())
              .filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
              .toList();
      assertThat(jars)
          .as("only the shared support library")
          .containsExactly("lib/millwright-model-support-0.1.0-SNAPSHOT.jar");
      List<String> all =
          zip.stream()
              .map(e -> e.getName().toLowerCase(Locale.ROOT))
              .filter(n -> !n.startsWith(own.toLowerCase(Locale.ROOT)))
              .filter(n -> !n.equals("plugin.properties"))
              .toList();
      assertThat(all)
          .as("DJL and PyTorch come from the host")
          .noneMatch(n -> n.contains("djl") || n.contains("pytorch") || n.contains("torch"))
          .noneMatch(n -> n.endsWith(".so") || n.endsWith(".dll") || n.contains("jna"))
          .noneMatch(n -> n.contains("gson") || n.contains("pf4j"))
          .noneMatch(n -> n.contains("millwright-plugin-api") || n.startsWith("classes/ai/"));
    }
  }

  /** PF4J over a folder holding the zip, as the host starts it; the plugin must be started. */
  public static PluginManager start(Path plugins, String pluginId) {
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    assertThat(manager.getPlugin(pluginId).getPluginState()).isEqualTo(PluginState.STARTED);
    return manager;
  }

  public static void stop(PluginManager manager, String pluginId) {
    // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
    manager.stopPlugin(pluginId);
    manager.unloadPlugin(pluginId);
  }

  /**
   * The plugin's one model type, checked to be loaded by the plugin's own class loader (not the
   * test's copy of the class), with the support library its own and DJL the host's.
   */
  public static ModelType loadedType(
      PluginManager manager, String pluginId, Class<? extends ModelType> testCopy, String typeId)
      throws ClassNotFoundException {
    ClassLoader pluginLoader = manager.getPluginClassLoader(pluginId);
    List<ModelType> types = manager.getExtensions(ModelType.class, pluginId);
    assertThat(types).hasSize(1);
    ModelType type = types.get(0);
    assertThat(type.getClass().getClassLoader()).isSameAs(pluginLoader);
    assertThat(type.getClass()).isNotSameAs(testCopy);
    assertThat(type.descriptor().id()).isEqualTo(typeId);
    assertThat(pluginLoader.loadClass("io.millwright.model.support.Json").getClassLoader())
        .as("the support library is the plugin's own")
        .isSameAs(pluginLoader);
    assertThat(pluginLoader.loadClass("ai.djl.Model"))
        .as("DJL is the host's")
        .isSameAs(ai.djl.Model.class);
    return type;
  }

  /** Every value and label of the predictions, to compare two models exactly. */
  public static double[] values(Predictions p) {
    double[] out = new double[p.size() * 3];
    for (int i = 0; i < p.size(); i++) {
      out[3 * i] = p.value(i);
      out[3 * i + 1] = p.hasLabels() ? p.label(i).hashCode() : 0;
      out[3 * i + 2] = p.hasFlags() && p.flagged(i) ? 1 : 0;
    }
    return out;
  }

  private static String text(ZipFile zip, String entry) throws IOException {
    return new String(
        zip.getInputStream(zip.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
  }
}
