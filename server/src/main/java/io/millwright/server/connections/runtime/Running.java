package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.server.connections.Connection;
import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * A connection deployed on this node: what its route needs between runs (the open source, the run
 * in progress) and what its page shows live. Touched by one route thread at a time, read by
 * requests, hence volatile fields.
 */
final class Running {

  final TenantId tenant;
  final UUID id;
  final String name;
  final Connector connector;
  volatile Connection connection;
  volatile PollingSource pollingSource;
  volatile UUID runId;
  volatile String state = "idle";
  volatile String statusLine;
  volatile String lastError;
  volatile Instant lastRunAt;
  volatile long recordsThisRun;

  Running(Connection connection, Connector connector) {
    this.tenant = connection.tenant();
    this.id = connection.id();
    this.name = connection.name();
    this.connection = connection;
    this.connector = connector;
  }

  String routeId() {
    return "connection-" + id;
  }
}
