package io.millwright.connector.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The machine's Mosquitto, and a plain Paho publisher the tests use to feed it. */
final class Broker {

  static final String URL = "tcp://127.0.0.1:1883";

  private Broker() {}

  /** A topic prefix no other test (or earlier run) uses. */
  static String uniquePrefix(String name) {
    return "mw-test/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A client id no other test uses; short enough for any 3.1.1 broker. */
  static String uniqueClientId() {
    return "mwt-" + UUID.randomUUID().toString().replace("-", "").substring(0, 19);
  }

  /** A publisher that is connected until closed. */
  static Publisher publisher() throws MqttException {
    return new Publisher(URL);
  }

  static void publish(String topic, String... payloads) throws MqttException {
    try (Publisher p = publisher()) {
      for (String payload : payloads) {
        p.publish(topic, payload.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  static void publishBytes(String topic, byte[] payload) throws MqttException {
    try (Publisher p = publisher()) {
      p.publish(topic, payload);
    }
  }

  /**
   * Ends the persistent session a test left on the broker (Mosquitto keeps 3.1.1 sessions forever
   * and persists them to disk): connect with that id and a clean session, then leave.
   */
  static void forgetSession(String clientId) {
    try {
      MqttClient c = new MqttClient(URL, clientId, new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      c.connect(o);
      c.disconnect();
      c.close();
    } catch (MqttException e) {
      // best effort
    }
  }

  static void forgetSessions(List<String> clientIds) {
    clientIds.forEach(Broker::forgetSession);
  }

  static final class Publisher implements AutoCloseable {
    private final MqttClient client;

    Publisher(String url) throws MqttException {
      client =
          new MqttClient(
              url,
              "mwpub-" + UUID.randomUUID().toString().substring(0, 12),
              new MemoryPersistence());
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      o.setMaxInflight(1000);
      client.connect(o);
    }

    void publish(String topic, byte[] payload) throws MqttException {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(1);
      client.publish(topic, m);
    }

    void publishRetained(String topic, String payload) throws MqttException {
      MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      m.setRetained(true);
      client.publish(topic, m);
    }

    void publish(String topic, String payload) throws MqttException {
      publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws MqttException {
      client.disconnect();
      client.close();
    }
  }
}
