package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.StreamingSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "Test connection": what it shows, what it refuses, and that it leaves the session alone. */
class MqttCheckTest {

  private static final List<String> CLIENT_IDS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void forgetSessions() {
    Broker.forgetSessions(CLIENT_IDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void showsTheBrokerTheTopicsAndASampleAndLeavesThePersistentSessionAlone(String protocol)
      throws Exception {
    String prefix = Broker.uniquePrefix("check");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    Map<String, String> config = TestSupport.config(protocol, prefix + "/#", clientId);

    // The connection's session holds one message the host has not committed.
    MqttPayloadsTest.KeepingSink sink = new MqttPayloadsTest.KeepingSink();
    StreamingSource source = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    source.start(sink);
    Broker.publish(prefix + "/pending", "{\"id\":\"pending\"}");
    sink.await(1);
    source.close();

    try (Broker.Publisher p = Broker.publisher()) {
      p.publishRetained(prefix + "/line-1/temp", "{\"temp\":21.5}");
    }
    try {
      ConnectionCheck check = TestSupport.CONNECTOR.check(TestSupport.context(config));
      System.out.println("check: " + check.summary());
      assertThat(check.summary())
          .startsWith("Mosquitto ")
          .contains("broker at tcp://127.0.0.1:1883 (MQTT " + protocol + ")")
          .contains("subscribed to " + prefix + "/#");
      assertThat(check.sample()).hasSize(1);
      assertThat(check.sample().get(0).values()).containsEntry("temp", 21.5);
    } finally {
      try (Broker.Publisher p = Broker.publisher()) {
        p.publishRetained(prefix + "/line-1/temp", ""); // clears the retained message
      }
    }

    MqttPayloadsTest.KeepingSink again = new MqttPayloadsTest.KeepingSink();
    StreamingSource reopened = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    reopened.start(again);
    assertThat(again.await(1))
        .as("the check did not take over or clear the session")
        .extracting(r -> r.values().get("id"))
        .contains("pending");
    again.acks.forEach(
        a -> {
          try {
            a.acknowledge();
          } catch (ConnectorException e) {
            throw new IllegalStateException(e);
          }
        });
    reopened.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void wrongCredentialsAreAConfigurationErrorThatDoesNotShowThePassword(
      String protocol, @TempDir Path dir) throws Exception {
    assumeTrue(PrivateMosquitto.available(), "mosquitto is not installed here");
    try (PrivateMosquitto broker = new PrivateMosquitto(dir, "reader", "right-password-1")) {
      Map<String, String> right =
          Map.of(
              "brokerUrl", broker.url(),
              "topics", "sensors/#",
              "protocol", protocol,
              "username", "reader",
              "password", "right-password-1");
      assertThat(TestSupport.CONNECTOR.check(TestSupport.context(right)).summary())
          .contains("subscribed to sensors/#");

      Map<String, String> wrong = new java.util.HashMap<>(right);
      wrong.put("password", "wrong-password-2");
      assertThatThrownBy(() -> TestSupport.CONNECTOR.check(TestSupport.context(wrong)))
          .isInstanceOf(ConnectorException.class)
          .satisfies(
              e -> {
                ConnectorException ce = (ConnectorException) e;
                assertThat(ce.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
                assertThat(ce.getMessage())
                    .contains("user name and password")
                    .doesNotContain("wrong-password-2")
                    .doesNotContain("right-password-1");
              });

      Map<String, String> anonymous = new java.util.HashMap<>(right);
      anonymous.remove("username");
      anonymous.remove("password");
      assertThatThrownBy(() -> TestSupport.CONNECTOR.check(TestSupport.context(anonymous)))
          .isInstanceOf(ConnectorException.class)
          .extracting(e -> ((ConnectorException) e).kind())
          .isEqualTo(ConnectorException.Kind.CONFIGURATION);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void aServerThatNeverAnswersIsUnavailableAfterTheConnectTimeout(String protocol)
      throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Map<String, String> config =
          Map.of(
              "brokerUrl",
              "tcp://127.0.0.1:" + silent.getLocalPort(),
              "topics",
              "sensors/#",
              "protocol",
              protocol,
              "connectTimeout",
              "2s");
      long start = System.nanoTime();
      assertThatThrownBy(() -> TestSupport.CONNECTOR.check(TestSupport.context(config)))
          .isInstanceOf(ConnectorException.class)
          .extracting(e -> ((ConnectorException) e).kind())
          .isEqualTo(ConnectorException.Kind.UNAVAILABLE);
      // A bound against hanging, not a performance assertion.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      // Paho's receiver was blocked reading a socket that never answers: closing it ends it.
      assertThat(
              TestSupport.await(
                  Duration.ofSeconds(5),
                  () ->
                      Thread.getAllStackTraces().keySet().stream()
                          .noneMatch(
                              t ->
                                  t.getName().startsWith("millwright-mqtt-check")
                                      || t.getName().contains("mwcheck-"))))
          .as("no client thread left behind")
          .isTrue();
    }
  }
}
