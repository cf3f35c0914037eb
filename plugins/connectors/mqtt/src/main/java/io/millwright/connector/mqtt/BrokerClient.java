package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.ConnectorException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the connector needs from an MQTT client, so MQTT 5 and 3.1.1 (two Paho libraries with
 * look-alike but unrelated types) are used the same way. Every thread the client runs comes from
 * the executor it is given, so whoever owns the executor can make sure none is left behind.
 */
interface BrokerClient {

  /** Receives from the client's callback thread; must not throw. */
  interface Listener {
    void message(String topic, int messageId, int qos, boolean duplicate, byte[] payload);

    /** The connection broke (not called for a disconnect this side asked for). */
    void lost(Throwable cause);
  }

  /**
   * Connects.
   *
   * @param cleanStart true for a throwaway session, false to resume the persistent one
   * @return whether the broker still had a session for this client id
   */
  boolean connect(boolean cleanStart) throws ConnectorException;

  /**
   * Subscribes at QoS 1.
   *
   * @param retainedOnlyWhenNew MQTT 5: retained messages only for a subscription the session did
   *     not have yet, so a restart does not ingest them again (3.1.1 has no such option)
   * @throws ConnectorException configuration when the broker refuses a filter
   */
  void subscribe(List<String> filters, boolean retainedOnlyWhenNew) throws ConnectorException;

  /** Sends the acknowledgement (PUBACK) of a message received with manual acknowledgements. */
  void ack(int messageId, int qos) throws Exception;

  boolean isConnected();

  /** Disconnects politely, then closes; never throws, returns once the client is shut. */
  void shutdown();

  /** The broker's address as shown to people, and the protocol. */
  String describe();

  static BrokerClient create(
      MqttSettings settings,
      String clientId,
      boolean manualAcks,
      ScheduledExecutorService executor,
      Listener listener)
      throws ConnectorException {
    return settings.protocol() == MqttSettings.Protocol.V5
        ? new V5Client(settings, clientId, manualAcks, executor, listener)
        : new V3Client(settings, clientId, manualAcks, executor, listener);
  }

  /** Milliseconds a polite disconnect may take before the connection is simply dropped. */
  long DISCONNECT_QUIESCE_MILLIS = 1_000;

  long DISCONNECT_TIMEOUT_MILLIS = 3_000;
}
