package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * One connection's configuration, read and checked. The password is held but never printed: {@link
 * #toString} leaves it out.
 */
record MqttSettings(
    URI brokerUrl,
    List<String> topics,
    Protocol protocol,
    String clientId,
    String username,
    String password,
    Payload payload,
    List<String> csvColumns,
    String topicField,
    Duration sessionExpiry,
    Duration connectTimeout) {

  enum Protocol {
    V5("5"),
    V3_1_1("3.1.1");

    final String label;

    Protocol(String label) {
      this.label = label;
    }

    static Protocol of(String label) {
      return label == null || label.equals("5") ? V5 : V3_1_1;
    }
  }

  enum Payload {
    JSON,
    CSV
  }

  /** Derived client ids are this prefix and 12 hex digits: 23 characters, MQTT 3.1.1's limit. */
  static final String CLIENT_ID_PREFIX = "millwright-";

  static MqttSettings of(ConnectorContext context) throws ConnectorException {
    ConnectorConfig config = context.config();
    URI broker;
    try {
      broker = config.uri(MqttConnector.BROKER_URL);
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration("Broker URL is not a valid URI");
    }
    String scheme = broker.getScheme() == null ? "" : broker.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("ssl")) {
      throw ConnectorException.configuration(
          "Broker URL must start with tcp:// or ssl:// (e.g. tcp://broker:1883), not " + scheme);
    }
    if (broker.getHost() == null || broker.getHost().isBlank()) {
      throw ConnectorException.configuration("Broker URL names no host: " + safe(broker));
    }
    if (broker.getUserInfo() != null) {
      throw ConnectorException.configuration(
          "Broker URL must not carry a user name or password; use the username and password options");
    }

    List<String> topics = topics(config.requireText(MqttConnector.TOPICS));

    String clientId = config.text(MqttConnector.CLIENT_ID);
    if (clientId == null || clientId.isBlank()) {
      clientId = derivedClientId(context.connectionId());
    } else if (clientId.length() > 65535 || clientId.chars().anyMatch(c -> c < 0x20)) {
      throw ConnectorException.configuration("Client id must be printable text");
    }

    Payload payload = "csv".equals(config.text(MqttConnector.PAYLOAD)) ? Payload.CSV : Payload.JSON;
    List<String> columns = List.of();
    String csvText = config.text(MqttConnector.CSV_COLUMNS);
    if (csvText != null && !csvText.isBlank()) {
      try {
        columns = PayloadReader.Csv.split(csvText).stream().map(MqttSettings::column).toList();
      } catch (IllegalArgumentException | NullPointerException e) {
        throw ConnectorException.configuration(
            "CSV columns must be a header line of names, e.g. sensor,ts,value");
      }
      if (new LinkedHashSet<>(columns).size() != columns.size()) {
        throw ConnectorException.configuration("CSV columns names a column twice: " + csvText);
      }
    }
    if (payload == Payload.CSV && columns.isEmpty()) {
      throw ConnectorException.configuration(
          "CSV payloads need CSV columns, the names of the cells, e.g. sensor,ts,value");
    }
    String topicField = blankToNull(config.text(MqttConnector.TOPIC_FIELD));
    String username = blankToNull(config.text(MqttConnector.USERNAME));
    String password = config.text(MqttConnector.PASSWORD);
    if (password != null && password.isEmpty()) {
      password = null;
    }

    Duration sessionExpiry = config.duration(MqttConnector.SESSION_EXPIRY);
    Duration connectTimeout = config.duration(MqttConnector.CONNECT_TIMEOUT);
    if (connectTimeout.isZero()) {
      throw ConnectorException.configuration("Connect timeout must be more than 0s");
    }
    return new MqttSettings(
        broker,
        topics,
        Protocol.of(config.text(MqttConnector.PROTOCOL)),
        clientId,
        username,
        password,
        payload,
        columns,
        topicField,
        sessionExpiry,
        connectTimeout);
  }

  /**
   * A stable client id from the connection id: the persistent session on the broker is found by it,
   * so it must be the same after every restart. Hashed so any connection id fits the 23 characters
   * every MQTT 3.1.1 broker accepts.
   */
  static String derivedClientId(String connectionId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(connectionId.getBytes(StandardCharsets.UTF_8));
      return CLIENT_ID_PREFIX + HexFormat.of().formatHex(Arrays.copyOf(hash, 6));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Comma-separated topic filters, each checked against MQTT's wildcard rules. */
  static List<String> topics(String text) throws ConnectorException {
    LinkedHashSet<String> filters = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String filter = part.strip();
      if (filter.isEmpty()) {
        continue;
      }
      String[] levels = filter.split("/", -1);
      for (int i = 0; i < levels.length; i++) {
        String level = levels[i];
        if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
          throw ConnectorException.configuration(
              "Topic filter '" + filter + "': # must be a whole level and the last one");
        }
        if (level.contains("+") && !level.equals("+")) {
          throw ConnectorException.configuration(
              "Topic filter '" + filter + "': + must be a whole level, as in sensors/+/temp");
        }
      }
      if (filter.chars().anyMatch(c -> c == 0)) {
        throw ConnectorException.configuration("Topic filter must not contain NUL");
      }
      filters.add(filter);
    }
    if (filters.isEmpty()) {
      throw ConnectorException.configuration(
          "Topics needs at least one topic filter, e.g. sensors/#");
    }
    return List.copyOf(filters);
  }

  String topicsText() {
    return String.join(", ", topics);
  }

  /** The broker URL as shown to people: no user info, no query. */
  String brokerText() {
    return safe(brokerUrl);
  }

  /** Whole seconds for Paho, at least 1. */
  int connectTimeoutSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (connectTimeout.toMillis() + 999) / 1000));
  }

  /** MQTT 5's session expiry interval: seconds, 0xFFFFFFFF meaning never. */
  long sessionExpirySeconds() {
    return Math.min(0xFFFFFFFFL, sessionExpiry.getSeconds());
  }

  private static String safe(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port;
  }

  private static String column(String name) {
    String n = name.strip();
    if (n.isEmpty()) {
      throw new IllegalArgumentException("empty column name");
    }
    return n;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public String toString() {
    return "MqttSettings[" + brokerText() + ", " + topics + ", MQTT " + protocol.label + "]";
  }
}
