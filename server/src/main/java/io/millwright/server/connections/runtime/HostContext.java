package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorContext;
import java.lang.System.Logger;
import java.util.function.Consumer;

/** What a connector gets for one connection: its configuration, a tagged logger, a status line. */
final class HostContext implements ConnectorContext {

  private final String connectionId;
  private final ConnectorConfig config;
  private final Logger log;
  private final Consumer<String> status;

  HostContext(
      String connectionId, String logName, ConnectorConfig config, Consumer<String> status) {
    this.connectionId = connectionId;
    this.config = config;
    this.log = System.getLogger("millwright.connection." + logName);
    this.status = status;
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  @Override
  public ConnectorConfig config() {
    return config;
  }

  @Override
  public Logger log() {
    return log;
  }

  @Override
  public void status(String line) {
    if (line != null) {
      status.accept(line.length() > 300 ? line.substring(0, 300) : line);
    }
  }
}
