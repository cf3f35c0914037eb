package io.millwright.plugin.api.connector.kit;

import io.millwright.plugin.api.connector.Connector;
import java.util.Map;

/** The kit against a connector that keeps the contract: every test passes. */
class ListConnectorContractTest extends ConnectorContract {

  private final ListConnector connector = new ListConnector(false);
  private int next;

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return Map.of("name", "orders", "token", "open-sesame");
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of("name", "orders", "token", "wrong-token");
  }

  @Override
  protected void addRecords(int count) {
    for (int i = 0; i < count; i++) {
      connector.rows.add(Integer.toString(next++));
    }
  }
}
