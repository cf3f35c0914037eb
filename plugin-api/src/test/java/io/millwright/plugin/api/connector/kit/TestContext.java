package io.millwright.plugin.api.connector.kit;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import java.lang.System.Logger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A context as the host builds one: configuration checked against the descriptor, defaults filled
 * in. Records the status lines the connector reported.
 */
public final class TestContext implements ConnectorContext {

  private final String connectionId = "kit-" + UUID.randomUUID();
  private final ConnectorConfig config;
  private final List<String> statusLines = new CopyOnWriteArrayList<>();

  public TestContext(ConnectorDescriptor descriptor, Map<String, String> values) {
    this.config = ConnectorConfig.of(descriptor, values);
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
    return System.getLogger("millwright.connector.kit." + connectionId);
  }

  @Override
  public void status(String line) {
    statusLines.add(line);
  }

  public List<String> statusLines() {
    return List.copyOf(statusLines);
  }
}
