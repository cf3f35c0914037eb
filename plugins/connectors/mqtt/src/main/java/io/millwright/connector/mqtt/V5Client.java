package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;

/** MQTT 5 through Paho's mqttv5 client. */
final class V5Client implements BrokerClient {

  /**
   * Receive Maximum sent in CONNECT: how many unacknowledged QoS 1 messages the broker may have in
   * flight to us. Acknowledgements wait for the host's commit, so a small window would stall a
   * batching host; the largest value MQTT 5 allows.
   */
  static final int RECEIVE_MAXIMUM = 65_535;

  private final MqttSettings settings;
  private final MqttAsyncClient client;
  private final long timeoutMillis;

  V5Client(
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
              settings.brokerUrl().toString(), clientId, new MemoryPersistence(), null, executor);
    } catch (MqttException | IllegalArgumentException e) {
      throw ConnectorException.configuration(
          "Cannot use broker URL " + settings.brokerText() + ": " + e.getMessage());
    }
    client.setManualAcks(manualAcks);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse response) {
            listener.lost(
                response.getException() != null
                    ? response.getException()
                    : new MqttException(response.getReturnCode()));
          }

          @Override
          public void mqttErrorOccurred(MqttException exception) {
            // Reported again through disconnected() when it ends the connection.
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
          public void deliveryComplete(IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String serverUri) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
  }

  @Override
  public boolean connect(boolean cleanStart) throws ConnectorException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(cleanStart ? 0L : settings.sessionExpirySeconds());
    options.setReceiveMaximum(RECEIVE_MAXIMUM);
    options.setConnectionTimeout(settings.connectTimeoutSeconds());
    options.setAutomaticReconnect(false); // the source reconnects itself, knowing session state
    options.setKeepAliveInterval(30);
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
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
      throw Errors.connect(settings, e.getReasonCode(), e);
    }
  }

  @Override
  public void subscribe(List<String> filters, boolean retainedOnlyWhenNew)
      throws ConnectorException {
    MqttSubscription[] subscriptions = new MqttSubscription[filters.size()];
    for (int i = 0; i < subscriptions.length; i++) {
      subscriptions[i] = new MqttSubscription(filters.get(i), 1);
      subscriptions[i].setRetainHandling(retainedOnlyWhenNew ? 1 : 0);
    }
    int[] codes;
    try {
      IMqttToken token = client.subscribe(subscriptions);
      token.waitForCompletion(timeoutMillis);
      if (!token.isComplete()) {
        throw ConnectorException.unavailable(
            "The MQTT broker at " + settings.brokerText() + " did not answer the subscription",
            null);
      }
      codes = token.getReasonCodes();
    } catch (MqttException e) {
      if (e.getReasonCode() >= MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR
          && e.getReasonCode() < 0x100) {
        throw Errors.subscribeRefused(settings, filters, e.getReasonCode());
      }
      throw Errors.lost(settings, e);
    }
    for (int i = 0; codes != null && i < codes.length; i++) {
      if (codes[i] >= MqttReturnCode.RETURN_CODE_UNSPECIFIED_ERROR) {
        throw Errors.subscribeRefused(
            settings, List.of(filters.get(Math.min(i, filters.size() - 1))), codes[i]);
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
    return settings.brokerText() + " (MQTT 5)";
  }
}
