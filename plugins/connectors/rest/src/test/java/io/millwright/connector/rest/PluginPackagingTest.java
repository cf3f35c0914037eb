package io.millwright.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the host relies on to find and use the plugin. */
class PluginPackagingTest {

  @Test
  void theExtensionIsIndexedForPf4j() throws Exception {
    boolean found = false;
    for (URL url :
        Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        String idx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        found |= idx.lines().anyMatch(RestConnector.class.getName()::equals);
      }
    }
    assertThat(found).as("META-INF/extensions.idx names RestConnector").isTrue();
    assertThat(RestConnector.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
    assertThat(Connector.class).isAssignableFrom(RestConnector.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new RestConnector().descriptor();
    assertThat(d.id()).isEqualTo("rest");
    assertThat(d.capabilities()).containsExactly(Capability.POLL);
    assertThat(d.options().stream().filter(ConfigOption::secret).map(ConfigOption::name))
        .containsExactly("apiKey", "token", "clientSecret");
    assertThat(d.options().stream().filter(ConfigOption::required).map(ConfigOption::name))
        .containsExactly("url");
    assertThat(d.options().stream().filter(o -> o.name().equals("pagination")).findFirst())
        .get()
        .extracting(ConfigOption::choices)
        .isEqualTo(java.util.List.of("none", "page", "offset", "cursor", "link"));
    assertThat(d.options().stream().filter(o -> o.name().equals("auth")).findFirst())
        .get()
        .extracting(ConfigOption::choices)
        .isEqualTo(java.util.List.of("none", "api-key", "bearer", "oauth2-client-credentials"));
    assertThat(ConnectorConfig.of(d, Map.of("url", "https://crm.example.com/v1/c")).values())
        .containsEntry("timeout", "30s")
        .containsEntry("maxRetries", "5")
        .containsEntry("apiKeyHeader", "X-API-Key")
        .containsEntry("pagination", "none")
        .containsEntry("auth", "none");
  }

  @Test
  void aClosedSourceLeavesNoThreadOfItsOwnBehind() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.add(3);
      RestConnector connector = new RestConnector();
      TestContext context =
          new TestContext(connector.descriptor(), Map.of("url", api.uri("/all").toString()));
      PollingSource source = connector.openPolling(context);
      assertThat(source.poll(null, 10).records()).hasSize(3);
      connector.check(context);
      source.close();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline && !ownThreads().isEmpty()) {
        Thread.sleep(20);
      }
      assertThat(ownThreads()).isEmpty();
    }
  }

  private static java.util.List<String> ownThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("millwright-rest-"))
        .toList();
  }
}
