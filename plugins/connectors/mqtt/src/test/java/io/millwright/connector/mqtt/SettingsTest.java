package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import java.lang.System.Logger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static MqttSettings settings(String connectionId, String... values) throws Exception {
    Map<String, String> map = new java.util.HashMap<>();
    map.put("brokerUrl", "tcp://broker:1883");
    map.put("topics", "sensors/#");
    for (int i = 0; i < values.length; i += 2) {
      map.put(values[i], values[i + 1]);
    }
    ConnectorConfig config = ConnectorConfig.of(new MqttConnector().descriptor(), map);
    return MqttSettings.of(
        new ConnectorContext() {
          @Override
          public String connectionId() {
            return connectionId;
          }

          @Override
          public ConnectorConfig config() {
            return config;
          }

          @Override
          public Logger log() {
            return System.getLogger("test");
          }

          @Override
          public void status(String line) {}
        });
  }

  @Test
  void theDerivedClientIdIsStableAndFitsMqtt311() throws Exception {
    String a = settings("conn-42").clientId();
    assertThat(a).isEqualTo(settings("conn-42").clientId());
    assertThat(a).isNotEqualTo(settings("conn-43").clientId());
    assertThat(a).hasSize(23).startsWith("millwright-").matches("[a-z0-9-]+");
    assertThat(settings("conn-42", "clientId", "line-1-reader").clientId())
        .isEqualTo("line-1-reader");
  }

  @Test
  void defaults() throws Exception {
    MqttSettings s = settings("c");
    assertThat(s.protocol()).isEqualTo(MqttSettings.Protocol.V5);
    assertThat(s.payload()).isEqualTo(MqttSettings.Payload.JSON);
    assertThat(s.sessionExpirySeconds()).isEqualTo(7 * 24 * 3600);
    assertThat(s.connectTimeoutSeconds()).isEqualTo(10);
    assertThat(s.topicField()).isNull();
  }

  @Test
  void topicFiltersAreSplitAndChecked() throws Exception {
    assertThat(MqttSettings.topics(" a/+/c , d/#,#, a/+/c ,, "))
        .containsExactly("a/+/c", "d/#", "#");
    for (String bad : new String[] {"a/#/c", "a/b#", "a/b+/c", " , "}) {
      assertThatThrownBy(() -> MqttSettings.topics(bad))
          .isInstanceOf(ConnectorException.class)
          .extracting(e -> ((ConnectorException) e).kind())
          .isEqualTo(ConnectorException.Kind.CONFIGURATION);
    }
  }

  @Test
  void mistakesAreConfigurationErrorsWithoutThePassword() {
    assertThatThrownBy(() -> settings("c", "brokerUrl", "http://broker"))
        .hasMessageContaining("tcp://");
    assertThatThrownBy(() -> settings("c", "payload", "csv")).hasMessageContaining("CSV columns");
    assertThatThrownBy(() -> settings("c", "payload", "csv", "csvColumns", "a,b,a"))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> settings("c", "brokerUrl", "tcp://user:hunter22@broker:1883"))
        .hasMessageNotContaining("hunter22");
  }

  @Test
  void toStringShowsNoPassword() throws Exception {
    MqttSettings s = settings("c", "username", "u", "password", "hunter22");
    assertThat(s.password()).isEqualTo("hunter22");
    assertThat(s.toString()).doesNotContain("hunter22");
  }

  @Test
  void csvCellsFollowRfc4180() {
    assertThat(PayloadReader.Csv.split("a, \"b,c\" ,\"d\"\"e\",,\"\""))
        .containsExactly("a", "b,c", "d\"e", null, "");
    assertThatThrownBy(() -> PayloadReader.Csv.split("a,\"b")).hasMessageContaining("not closed");
    assertThatThrownBy(() -> PayloadReader.Csv.split("a,b\"c\"")).hasMessageContaining("middle");
    assertThatThrownBy(() -> PayloadReader.Csv.split("\"a\"b")).hasMessageContaining("after");
  }
}
