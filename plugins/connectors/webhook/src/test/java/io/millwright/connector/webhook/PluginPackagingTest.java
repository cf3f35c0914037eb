package io.millwright.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
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
        found |= idx.lines().anyMatch(WebhookConnector.class.getName()::equals);
      }
    }
    assertThat(found).as("META-INF/extensions.idx names WebhookConnector").isTrue();
    assertThat(WebhookConnector.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
    assertThat(Connector.class).isAssignableFrom(WebhookConnector.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new WebhookConnector().descriptor();
    assertThat(d.id()).isEqualTo("webhook");
    assertThat(d.capabilities()).containsExactly(Capability.PUSH);
    assertThat(d.options().stream().map(ConfigOption::name))
        .containsExactly(
            "secret", "signatureHeader", "idHeader", "timestampHeader", "format", "maxRecords");
    assertThat(d.options().stream().filter(ConfigOption::secret).map(ConfigOption::name))
        .containsExactly("secret");
    assertThat(d.options().stream().filter(ConfigOption::required).map(ConfigOption::name))
        .containsExactly("secret");
    assertThat(d.options().stream().filter(o -> o.name().equals("format")).findFirst())
        .get()
        .extracting(ConfigOption::choices)
        .isEqualTo(List.of("json", "jsonl", "csv"));
    assertThat(ConnectorConfig.of(d, Map.of("secret", "s3cret-value-for-defaults")).values())
        .containsEntry("signatureHeader", "Webhook-Signature")
        .containsEntry("idHeader", "Webhook-Id")
        .containsEntry("timestampHeader", "Webhook-Timestamp")
        .containsEntry("format", "json")
        .containsEntry("maxRecords", "10000");
  }
}
