package io.millwright.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it: the connector comes from the
 * plugin's class loader and reads a paged, OAuth2-protected API through it.
 */
class PluginZipIT {

  private static final Path ZIP = Path.of("target/millwright-connector-rest-1.0.0-plugin.zip");
  private static final String ID = "millwright-connector-rest";

  @Test
  void theZipHoldsTheClassesAndTheIndexAndNoLibrariesAtAll() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/connector/rest/RestConnector.class")
          .as("the JDK's HttpClient and an own JSON parser: nothing in lib/")
          .noneMatch(n -> n.startsWith("lib/") && n.endsWith(".jar"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"));
      String properties =
          new String(
              zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(properties)
          .contains("plugin.id=" + ID, "plugin.version=1.0.0", "plugin.requires=1.0.0")
          .doesNotContain("${");
    }
  }

  @Test
  void pf4jLoadsTheConnectorWhichReadsAnApiThroughIt(@TempDir Path plugins) throws Exception {
    Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    try (FakeApi api = new FakeApi()) {
      assertThat(manager.getPlugin(ID).getPluginState()).isEqualTo(PluginState.STARTED);
      List<Connector> connectors = manager.getExtensions(Connector.class, ID);
      assertThat(connectors).hasSize(1);
      Connector connector = connectors.get(0);
      ClassLoader pluginLoader = manager.getPluginClassLoader(ID);
      assertThat(connector.getClass().getClassLoader()).isSameAs(pluginLoader);
      assertThat(connector.getClass()).isNotSameAs(RestConnector.class);
      assertThat(connector.descriptor().id()).isEqualTo("rest");

      api.auth = FakeApi.Auth.OAUTH2;
      api.add(7);
      Map<String, String> config =
          Map.of(
              "url",
              api.uri("/cursor").toString(),
              "recordsPath",
              "/data",
              "pagination",
              "cursor",
              "cursorPath",
              "/meta/next",
              "auth",
              "oauth2-client-credentials",
              "tokenUrl",
              api.uri("/oauth/token").toString(),
              "clientId",
              FakeApi.CLIENT_ID,
              "clientSecret",
              FakeApi.CLIENT_SECRET);
      TestContext context = new TestContext(connector.descriptor(), config);
      ConnectionCheck check = connector.check(context);
      assertThat(check.summary())
          .endsWith("/cursor: 3 records on the first page, more pages follow");
      try (PollingSource source = connector.openPolling(context)) {
        int read = 0;
        Batch b = source.poll(null, 100);
        read += b.records().size();
        while (b.more()) {
          b = source.poll(b.next(), 100);
          read += b.records().size();
        }
        assertThat(read).isEqualTo(7);
      }
    } finally {
      // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
      manager.stopPlugin(ID);
      manager.unloadPlugin(ID);
    }
  }
}
