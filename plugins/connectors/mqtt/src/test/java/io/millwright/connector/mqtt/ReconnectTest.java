package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.StreamingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection loss: the source reconnects to its persistent session; what the broker sends again
 * that the host already holds is not handed over twice, and acknowledgements given while the
 * connection was down still reach the broker. When it cannot reconnect it says so.
 */
class ReconnectTest {

  private static final List<String> CLIENT_IDS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void forgetSessions() {
    Broker.forgetSessions(CLIENT_IDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void afterACutNothingIsHandedOverTwiceAndNothingIsLost(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("reconnect");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    try (CuttableProxy proxy = new CuttableProxy()) {
      Map<String, String> config =
          TestSupport.config(protocol, prefix + "/#", clientId, "brokerUrl", proxy.url());
      TestContext context = TestSupport.context(config);
      MqttPayloadsTest.KeepingSink sink = new MqttPayloadsTest.KeepingSink();
      StreamingSource source = MqttConnector.open(context, Duration.ofSeconds(30));
      source.start(sink);

      Broker.publish(prefix + "/s", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
      assertThat(sink.await(3)).hasSize(3);

      // A cut while the host holds all three: the broker sends them again after the reconnect.
      proxy.dropConnections();
      assertThat(
              TestSupport.await(
                  Duration.ofSeconds(15),
                  () -> context.statusLines().stream().anyMatch(l -> l.contains("resumed"))))
          .as("reconnected to the same session: " + context.statusLines())
          .isTrue();
      Thread.sleep(1000);
      assertThat(sink.records).as("not handed over a second time").hasSize(3);

      // A second cut, and the host commits while the broker is out of reach.
      proxy.stop();
      Thread.sleep(300);
      for (Acknowledgement ack : sink.acks) {
        ack.acknowledge();
      }
      int resumedBefore = count(context, "resumed");
      proxy.resume();
      assertThat(
              TestSupport.await(
                  Duration.ofSeconds(15), () -> count(context, "resumed") > resumedBefore))
          .isTrue();
      Broker.publish(prefix + "/s", "{\"n\":4}");
      assertThat(sink.await(4))
          .extracting(r -> r.values().get("n"))
          .containsExactly(1L, 2L, 3L, 4L);
      sink.acks.get(3).acknowledge();
      Thread.sleep(500);
      assertThat(sink.records).hasSize(4);
      assertThat(sink.failure).isNull();
      source.close();
    }

    // All four were acknowledged, three of them after a cut: none comes again.
    MqttPayloadsTest.KeepingSink after = new MqttPayloadsTest.KeepingSink();
    StreamingSource again =
        TestSupport.CONNECTOR.openStreaming(
            TestSupport.context(TestSupport.config(protocol, prefix + "/#", clientId)));
    again.start(after);
    Broker.publish(prefix + "/s", "{\"n\":5}");
    after.await(1);
    Thread.sleep(1000);
    again.close();
    assertThat(after.records).extracting(r -> r.values().get("n")).containsExactly(5L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void whenItCannotReconnectTheSinkIsToldItFailed(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("gone");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    try (CuttableProxy proxy = new CuttableProxy()) {
      Map<String, String> config =
          TestSupport.config(
              protocol, prefix + "/#", clientId, "brokerUrl", proxy.url(), "connectTimeout", "2s");
      MqttPayloadsTest.KeepingSink sink = new MqttPayloadsTest.KeepingSink();
      StreamingSource source =
          MqttConnector.open(TestSupport.context(config), Duration.ofSeconds(2));
      source.start(sink);
      proxy.stop();
      assertThat(TestSupport.await(Duration.ofSeconds(20), () -> sink.failure != null)).isTrue();
      assertThat(sink.failure.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
      assertThat(sink.failure.getMessage()).contains(proxy.url()).contains("reconnect");
      source.close();
    }
  }

  private static int count(TestContext context, String word) {
    return (int) context.statusLines().stream().filter(l -> l.contains(word)).count();
  }
}
