package io.millwright.plugin.api.connector;

import java.lang.System.Logger;

/**
 * What the host gives a connector for one connection: its configuration, a logger and a place to
 * say what it is doing. Deliberately narrow: no tenant, no dataset, no host services.
 */
public interface ConnectorContext {

  /** Opaque, stable id of the connection, for the connector's own log lines and client ids. */
  String connectionId();

  /** The connection's checked configuration, secrets included. */
  ConnectorConfig config();

  /** Where the connector logs; lines are tagged with the connection by the host. */
  Logger log();

  /**
   * A short line on what the source is doing now ("page 12 of orders", "subscribed to sensors/#"),
   * shown live on the connection's page. Cheap to call often.
   */
  void status(String line);
}
