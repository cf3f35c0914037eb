package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connector contract against the machine's Mosquitto: each subclass (one per protocol) has its
 * own topic prefix and client id for the whole class, since the kit opens a source several times
 * and expects the same persistent session each time.
 */
abstract class MqttContractTestBase extends ConnectorContract {

  private static final ConcurrentMap<Class<?>, String[]> RUN = new ConcurrentHashMap<>();
  private static final AtomicLong SEQ = new AtomicLong();

  private final Connector connector = new MqttConnector();

  /** "5" or "3.1.1". */
  protected abstract String protocol();

  private String[] run() {
    return RUN.computeIfAbsent(
        getClass(),
        c -> new String[] {Broker.uniquePrefix("contract-" + protocol()), Broker.uniqueClientId()});
  }

  protected String prefix() {
    return run()[0];
  }

  protected String clientId() {
    return run()[1];
  }

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return Map.of(
        "brokerUrl",
        Broker.URL,
        "topics",
        prefix() + "/#",
        "protocol",
        protocol(),
        "clientId",
        clientId(),
        "sessionExpiry",
        "10m");
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of(
        "brokerUrl", "tcp://127.0.0.1:1",
        "topics", prefix() + "/#",
        "protocol", protocol(),
        "username", "sensor-reader",
        "password", "very-secret-password",
        "connectTimeout", "3s");
  }

  @Override
  protected void addRecords(int count) throws Exception {
    try (Broker.Publisher p = Broker.publisher()) {
      for (int i = 0; i < count; i++) {
        p.publish(
            prefix() + "/line-1/temp",
            "{\"id\":\""
                + UUID.randomUUID()
                + "\",\"seq\":"
                + SEQ.incrementAndGet()
                + ",\"temp\":21.5}");
      }
    }
  }

  @Override
  protected boolean addUnreadableRecord() throws Exception {
    Broker.publish(prefix() + "/line-1/temp", "{\"id\": \"broken\", \"temp\": 21.");
    return true;
  }

  /** The message's own id: packet ids are per connection and are reused. */
  @Override
  protected String identity(SourceRecord record) {
    Object id = record.values().get("id");
    return id == null ? record.origin() : id.toString();
  }
}
