package io.millwright.plugin.api.connector.kit;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest honest polling connector, over an in-memory list: the kit's own tests run it (and a
 * forgetful variant that must fail them), so the kit is known to catch what it claims to.
 */
class ListConnector implements Connector {

  final List<String> rows = new CopyOnWriteArrayList<>();
  final boolean forgetful;

  ListConnector(boolean forgetful) {
    this.forgetful = forgetful;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(
        "list",
        "1.0.0",
        "In-memory list",
        "Reads rows from a list in memory; the kit's own example.",
        Set.of(Capability.POLL),
        List.of(
            ConfigOption.required("name", "List name", OptionType.TEXT, "Which list, e.g. orders"),
            ConfigOption.secret("token", "Token", true, "Must be 'open-sesame'")));
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    if (!"open-sesame".equals(context.config().text("token"))) {
      throw ConnectorException.configuration("the token was refused");
    }
    return new ConnectionCheck(rows.size() + " rows", List.of());
  }

  @Override
  public PollingSource openPolling(ConnectorContext context) {
    return new PollingSource() {
      int polls;

      @Override
      public Batch poll(Offset after, int maxRecords) {
        int from = after == null ? 0 : Integer.parseInt(after.value());
        if (forgetful && polls++ % 2 == 1) {
          from++; // skips a record on every other poll: exactly the bug the kit must catch
        }
        int to = Math.min(rows.size(), from + maxRecords);
        List<SourceRecord> read =
            rows.subList(Math.min(from, to), to).stream()
                .map(r -> SourceRecord.of("row " + r, Map.of("value", r)))
                .toList();
        return new Batch(read, new Offset(Integer.toString(to)), to < rows.size());
      }

      @Override
      public void close() {}
    };
  }
}
