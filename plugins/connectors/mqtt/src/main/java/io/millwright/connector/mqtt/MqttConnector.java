package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * MQTT sensors: subscribes to topic filters on an MQTT 5 or 3.1.1 broker and streams each message's
 * JSON or CSV payload as records, acknowledging a message only after the host committed its
 * records. Keeps no per-connection state: every connection's state lives in its {@link
 * MqttStreamingSource}.
 */
@Extension
public final class MqttConnector implements Connector {

  static final String BROKER_URL = "brokerUrl";
  static final String TOPICS = "topics";
  static final String PROTOCOL = "protocol";
  static final String CLIENT_ID = "clientId";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String PAYLOAD = "payload";
  static final String CSV_COLUMNS = "csvColumns";
  static final String TOPIC_FIELD = "topicField";
  static final String SESSION_EXPIRY = "sessionExpiry";
  static final String CONNECT_TIMEOUT = "connectTimeout";

  /** How long "test connection" listens for sample messages. */
  static final Duration CHECK_LISTEN = Duration.ofMillis(1500);

  static final int CHECK_SAMPLE = 5;

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "mqtt",
          "1.0.0",
          "MQTT sensors",
          "Subscribes to topics on an MQTT 5 or 3.1.1 broker (Mosquitto, EMQX, HiveMQ...) and"
              + " ingests each message's JSON or CSV payload; messages are acknowledged to the"
              + " broker only after they are committed, so none is lost across restarts.",
          Set.of(Capability.STREAM),
          List.of(
              ConfigOption.required(
                  BROKER_URL,
                  "Broker URL",
                  OptionType.URI,
                  "Where the broker listens: tcp://host:1883, or ssl://host:8883 for TLS."),
              ConfigOption.required(
                  TOPICS,
                  "Topics",
                  OptionType.TEXT,
                  "Comma-separated topic filters, with + for one level and # for the rest, e.g."
                      + " sensors/+/temperature, factory/line-1/#. Subscribed at QoS 1."),
              ConfigOption.choice(
                  PROTOCOL,
                  "Protocol",
                  "5",
                  List.of("5", "3.1.1"),
                  "MQTT version: 5, or 3.1.1 for older brokers."),
              ConfigOption.optional(
                  CLIENT_ID,
                  "Client id",
                  OptionType.TEXT,
                  null,
                  "The broker keeps this client's session, and with it every message not yet"
                      + " ingested, under this id: it must stay the same and no other client may"
                      + " use it. Leave empty for an id derived from the connection"
                      + " (millwright-<12 hex digits>)."),
              ConfigOption.optional(
                  USERNAME, "User name", OptionType.TEXT, null, "Empty for anonymous access."),
              ConfigOption.secret(
                  PASSWORD, "Password", false, "The user's password; empty for none."),
              ConfigOption.choice(
                  PAYLOAD,
                  "Payload",
                  "json",
                  List.of("json", "csv"),
                  "json: an object is one record (nested objects flattened as a.b, arrays kept as"
                      + " JSON text), an array of objects several; a bare value becomes the field"
                      + " 'value'. csv: each line is a record, cells named by CSV columns."),
              ConfigOption.optional(
                  CSV_COLUMNS,
                  "CSV columns",
                  OptionType.TEXT,
                  null,
                  "For CSV payloads: the names of the cells, as a header line, e.g."
                      + " sensor,ts,value. A first payload line equal to it is skipped."),
              ConfigOption.optional(
                  TOPIC_FIELD,
                  "Topic field",
                  OptionType.TEXT,
                  null,
                  "If set, each record gets the message's topic under this field name, e.g."
                      + " topic (useful with wildcards: sensors/line-1/temp)."),
              ConfigOption.optional(
                  SESSION_EXPIRY,
                  "Session expiry",
                  OptionType.DURATION,
                  "7d",
                  "MQTT 5: how long the broker keeps the session, and the messages waiting in it,"
                      + " while this connection is stopped, e.g. 7d. 3.1.1 sessions last as long"
                      + " as the broker's own setting."),
              ConfigOption.optional(
                  CONNECT_TIMEOUT,
                  "Connect timeout",
                  OptionType.DURATION,
                  "10s",
                  "How long to wait for the broker to accept the connection, e.g. 10s.")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public StreamingSource openStreaming(ConnectorContext context) throws ConnectorException {
    return open(context, MqttStreamingSource.DEFAULT_RECONNECT_WINDOW);
  }

  /** For tests that need to see a failed reconnect sooner than in a minute. */
  static MqttStreamingSource open(ConnectorContext context, Duration reconnectWindow)
      throws ConnectorException {
    return new MqttStreamingSource(MqttSettings.of(context), context, reconnectWindow);
  }

  /**
   * Connects with a throwaway client id and a clean session, so the connection's persistent session
   * (and what waits in it) is left alone; subscribes for a moment to show what arrives.
   */
  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    MqttSettings settings = MqttSettings.of(context);
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    String checkId = "mwcheck-" + HexFormat.of().formatHex(random).substring(0, 15);
    Sampler sampler = new Sampler(PayloadReader.of(settings));
    ScheduledThreadPoolExecutor executor = MqttStreamingSource.newExecutor("millwright-mqtt-check");
    BrokerClient client = null;
    try {
      client = BrokerClient.create(settings, checkId, false, executor, sampler);
      client.connect(true);
      client.subscribe(settings.topics(), false);
      try {
        client.subscribe(List.of("$SYS/broker/version"), false);
      } catch (ConnectorException notOffered) {
        // Not every broker publishes its version, or lets every client read $SYS.
      }
      List<SourceRecord> sample = sampler.await(CHECK_LISTEN);
      String broker = sampler.brokerName();
      String summary =
          (broker == null ? "MQTT broker" : broker + " broker")
              + " at "
              + client.describe()
              + ", subscribed to "
              + settings.topicsText()
              + (sample.isEmpty()
                  ? "; no message arrived within " + CHECK_LISTEN.toMillis() / 1000.0 + "s"
                  : "; " + sample.size() + " sample record" + (sample.size() == 1 ? "" : "s"));
      return new ConnectionCheck(summary, sample);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ConnectorException.unavailable("interrupted while checking the broker", e);
    } finally {
      if (client != null) {
        client.shutdown();
      }
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keeps the first few records and the broker's version while "test connection" listens. */
  private static final class Sampler implements BrokerClient.Listener {
    private final PayloadReader reader;
    private final List<SourceRecord> records = new ArrayList<>();
    private volatile String version;

    Sampler(PayloadReader reader) {
      this.reader = reader;
    }

    @Override
    public void message(String topic, int messageId, int qos, boolean duplicate, byte[] payload) {
      if (topic.equals("$SYS/broker/version")) {
        version = new String(payload, StandardCharsets.UTF_8).strip();
        return;
      }
      List<SourceRecord> read = reader.read(topic, messageId, payload);
      synchronized (records) {
        for (SourceRecord r : read) {
          if (records.size() < CHECK_SAMPLE) {
            records.add(r);
          }
        }
        records.notifyAll();
      }
    }

    @Override
    public void lost(Throwable cause) {}

    List<SourceRecord> await(Duration listen) throws InterruptedException {
      long deadline = System.nanoTime() + listen.toNanos();
      synchronized (records) {
        while (records.size() < CHECK_SAMPLE) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            break;
          }
          records.wait(left);
        }
        return List.copyOf(records);
      }
    }

    /** "Mosquitto 2.0.11" from "mosquitto version 2.0.11", or whatever the broker said. */
    String brokerName() {
      String v = version;
      if (v == null || v.isEmpty() || v.length() > 80) {
        return null;
      }
      String[] words = v.split("\\s+");
      if (words.length == 3 && words[1].equalsIgnoreCase("version")) {
        String name = words[0];
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + words[2];
      }
      return v;
    }
  }
}
