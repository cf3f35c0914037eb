package io.millwright.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * plugin's class loader and verifies and reads a signed push through it. No server: the host's part
 * (the HTTP endpoint) is played by handing the request over directly.
 */
class PluginZipIT {

  private static final Path ZIP = Path.of("target/millwright-connector-webhook-1.0.0-plugin.zip");
  private static final String ID = "millwright-connector-webhook";
  private static final String SECRET = "zip-it-secret-6e1f0b9c47d2a8";

  @Test
  void theZipHoldsTheClassesAndTheIndexAndNoLibrariesAtAll() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/connector/webhook/WebhookConnector.class",
              "classes/io/millwright/connector/webhook/Json.class")
          .as("the JDK's javax.crypto and an own JSON parser: nothing in lib/")
          .noneMatch(n -> n.startsWith("lib/") && n.endsWith(".jar"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"))
          .as("the rest plugin's classes are copied, not bundled")
          .noneMatch(n -> n.contains("connector/rest/"));
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
  void pf4jLoadsTheConnectorWhichVerifiesAndReadsAPushThroughIt(@TempDir Path plugins)
      throws Exception {
    Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      assertThat(manager.getPlugin(ID).getPluginState()).isEqualTo(PluginState.STARTED);
      List<Connector> connectors = manager.getExtensions(Connector.class, ID);
      assertThat(connectors).hasSize(1);
      Connector connector = connectors.get(0);
      ClassLoader pluginLoader = manager.getPluginClassLoader(ID);
      assertThat(connector.getClass().getClassLoader()).isSameAs(pluginLoader);
      assertThat(connector.getClass()).isNotSameAs(WebhookConnector.class);
      assertThat(connector.descriptor().id()).isEqualTo("webhook");

      TestContext context =
          new TestContext(connector.descriptor(), Map.of("secret", SECRET, "format", "jsonl"));
      ConnectionCheck check = connector.check(context);
      assertThat(check.summary()).startsWith("Push connection: nothing to connect to");
      assertThatThrownBy(() -> connector.openPolling(context))
          .isInstanceOf(UnsupportedOperationException.class);

      Sender sender = new Sender(SECRET);
      String body = "{\"n\":1}\n{\"n\":2}\nnot json\n";
      try (PushSource source = connector.openPush(context)) {
        PushDelivery d = source.receive(sender.push("msg_zip", "1714060800", body));
        assertThat(d.id()).isEqualTo("msg_zip");
        assertThat(d.sentAt()).isEqualTo(Instant.ofEpochSecond(1714060800L));
        assertThat(d.records()).hasSize(3);
        assertThat(d.records().get(1).values()).containsEntry("n", 2L);
        assertThat(d.records().get(2).isUnreadable()).isTrue();

        PushedRequest forged = new Sender("not-the-secret-0000000").push("msg_zip2", body);
        assertThatThrownBy(() -> source.receive(forged))
            .isInstanceOf(ConnectorException.class)
            .satisfies(
                e ->
                    assertThat(((ConnectorException) e).kind())
                        .isEqualTo(ConnectorException.Kind.REJECTED));
      }
    } finally {
      // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
      manager.stopPlugin(ID);
      manager.unloadPlugin(ID);
    }
  }
}
