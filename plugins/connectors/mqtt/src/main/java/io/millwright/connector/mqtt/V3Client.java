package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.ConnectorException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** MQTT 3.1.1 through Paho's mqttv3 client. */
final class V3Client implements BrokerClient {

  private final MqttSettings settings;
  private final MqttAsyncClient client;
  private final long timeoutMillis;

  V3Client(
      MqttSettings settings,
      String clientId,
      boolean manualAcks,
      ScheduledExecutorService executor,
      Listener listener)
      throws ConnectorException {
    this.settings = settings;
    this.timeoutMillis = settings.connectTimeoutSeconds() * 1000L + 1000L;
    try {
      client =
          new MqttAsyncClient(
              settings.brokerUrl().toString(),
              clientId,
              new MemoryPersistence(),
              new ScheduledExecutorPingSender(executor),
              executor);
    } catch (MqttException | IllegalArgumentException e) {
      throw ConnectorException.configuration(
          "Cannot use broker URL " + settings.brokerText() + ": " + e.getMessage());
    }
    client.setManualAcks(manualAcks);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {
            listener.lost(cause);
          }

          @Override
          public void messageArrived(String topic, MqttMessage message) {
            listener.message(
                topic,
                message.getId(),
                message.getQos(),
                message.isDuplicate(),
                message.getPayload());
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken token) {}
        });
  }

  @Override
  public boolean connect(boolean cleanStart) throws ConnectorException {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(cleanStart);
    options.setConnectionTimeout(settings.connectTimeoutSeconds());
    options.setAutomaticReconnect(false); // the source reconnects itself, knowing session state
    options.setKeepAliveInterval(30);
    // Outbound only (this client publishes nothing), but Paho sizes its queues by it.
    options.setMaxInflight(65_535);
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password().toCharArray());
    }
    try {
      IMqttToken token = client.connect(options);
      token.waitForCompletion(timeoutMillis);
      if (!token.isComplete()) {
        throw ConnectorException.unavailable(
            "No answer from the MQTT broker at "
                + settings.brokerText()
                + " within "
                + settings.connectTimeoutSeconds()
                + "s",
            null);
      }
      return token.getSessionPresent();
    } catch (MqttException e) {
      throw Errors.connect(settings, v3ToV5Code(e.getReasonCode()), e);
    }
  }

  @Override
  public void subscribe(List<String> filters, boolean retainedOnlyWhenNew)
      throws ConnectorException {
    int[] qos = new int[filters.size()];
    Arrays.fill(qos, 1);
    int[] granted;
    try {
      IMqttToken token = client.subscribe(filters.toArray(String[]::new), qos);
      token.waitForCompletion(timeoutMillis);
      if (!token.isComplete()) {
        throw ConnectorException.unavailable(
            "The MQTT broker at " + settings.brokerText() + " did not answer the subscription",
            null);
      }
      granted = token.getGrantedQos();
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttException.REASON_CODE_SUBSCRIBE_FAILED) {
        throw Errors.subscribeRefused(settings, filters, 0x80);
      }
      throw Errors.lost(settings, e);
    }
    for (int i = 0; granted != null && i < granted.length; i++) {
      if (granted[i] == 0x80) {
        throw Errors.subscribeRefused(
            settings, List.of(filters.get(Math.min(i, filters.size() - 1))), 0x80);
      }
    }
  }

  @Override
  public void ack(int messageId, int qos) throws MqttException {
    client.messageArrivedComplete(messageId, qos);
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void shutdown() {
    boolean saidGoodbye = false;
    try {
      if (client.isConnected()) {
        client.disconnect(DISCONNECT_QUIESCE_MILLIS).waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
        saidGoodbye = !client.isConnected();
      }
    } catch (MqttException | RuntimeException e) {
      // Dropped instead of said goodbye: the session stays on the broker either way.
    }
    if (!saidGoodbye) {
      // Also while still connecting: closes the socket, which is what ends Paho's receiver thread
      // when a server accepted the connection but never answered.
      try {
        client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
      } catch (MqttException | RuntimeException e) {
        // closed below regardless
      }
    }
    try {
      client.close(true);
    } catch (MqttException | RuntimeException e) {
      // nothing more to release
    }
  }

  @Override
  public String describe() {
    return settings.brokerText() + " (MQTT 3.1.1)";
  }

  /** 3.1.1 CONNACK codes in MQTT 5 terms, so one table explains both. */
  private static int v3ToV5Code(int code) {
    return switch (code) {
      case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> 0x84;
      case MqttException.REASON_CODE_INVALID_CLIENT_ID -> 0x85;
      case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> 0x88;
      case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> 0x86;
      case MqttException.REASON_CODE_NOT_AUTHORIZED -> 0x87;
      default -> code;
    };
  }
}
