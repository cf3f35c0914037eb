package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.ConnectorException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Paho's failures as the host's kinds, in words a person acts on. Never quotes configuration values
 * other than the broker address and topics: a password must not end up in a message.
 */
final class Errors {

  private Errors() {}

  /**
   * A failed CONNECT.
   *
   * @param code the broker's reason code in MQTT 5 terms, or Paho's client-side code
   */
  static ConnectorException connect(MqttSettings s, int code, Throwable e) {
    String at = " (MQTT " + s.protocol().label + " broker at " + s.brokerText() + ")";
    return switch (code) {
      case 0x86, 0x8C ->
          ConnectorException.configuration("The broker refused the user name or password" + at);
      case 0x87 ->
          ConnectorException.configuration(
              "The broker refused the connection as not authorized: check the user name and password"
                  + at);
      case 0x85 ->
          ConnectorException.configuration(
              "The broker refused the client id '" + s.clientId() + "'" + at);
      case 0x8A -> ConnectorException.configuration("The broker has banned this client" + at);
      case 0x84 ->
          ConnectorException.configuration(
              "The broker does not speak MQTT "
                  + s.protocol().label
                  + "; choose another protocol"
                  + at);
      case 0x88, 0x89, 0x8B, 0x9F ->
          ConnectorException.unavailable(
              "The broker is unavailable or busy right now (reason " + code + ")" + at, e);
      default -> network("Cannot connect to the MQTT broker at " + s.brokerText(), e);
    };
  }

  static ConnectorException subscribeRefused(MqttSettings s, List<String> filters, int code) {
    String why =
        switch (code) {
          case 0x87 -> "not authorized";
          case 0x8F -> "topic filter not valid";
          case 0x9E -> "shared subscriptions not supported";
          case 0xA2 -> "wildcards not supported";
          default -> "reason " + code;
        };
    return ConnectorException.configuration(
        "The broker at "
            + s.brokerText()
            + " refused the subscription to "
            + String.join(", ", filters)
            + ": "
            + why);
  }

  static ConnectorException lost(MqttSettings s, Throwable e) {
    return network("Lost the connection to the MQTT broker at " + s.brokerText(), e);
  }

  /**
   * Socket-level trouble: unavailable (worth retrying), except TLS set-up, which is configuration.
   */
  static ConnectorException network(String prefix, Throwable e) {
    Throwable root = e;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      if (root instanceof SSLException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof SSLException) {
      return new ConnectorException(
          ConnectorException.Kind.CONFIGURATION,
          prefix + ": TLS handshake failed (" + root.getMessage() + ")",
          e);
    }
    String why;
    if (root instanceof ConnectException) {
      why = "connection refused";
    } else if (root instanceof UnknownHostException) {
      why = "unknown host " + root.getMessage();
    } else if (root instanceof NoRouteToHostException) {
      why = "no route to host";
    } else if (root instanceof java.io.EOFException) {
      why = "the broker closed the connection";
    } else if (root instanceof SocketTimeoutException) {
      why = "timed out";
    } else if (root != null && root.getMessage() != null) {
      why = root.getMessage();
    } else {
      why = root == null ? "unknown cause" : root.getClass().getSimpleName();
    }
    return ConnectorException.unavailable(prefix + ": " + why, e);
  }
}
