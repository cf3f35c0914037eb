package io.millwright.server.connections;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.plugins.TenantPlugins;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The connectors a tenant may use: loaded by the plugin host and allowed for the tenant. */
@ApplicationScoped
public class ConnectorCatalog {

  @Inject PluginHost host;
  @Inject TenantPlugins tenantPlugins;

  /** A connector as the catalogue shows it. */
  public record Entry(
      ConnectorDescriptor descriptor, String pluginId, String pluginVersion, String source) {}

  public List<Entry> available(TenantId tenant) {
    Map<String, Boolean> choices = tenantPlugins.choices(tenant);
    List<Entry> entries = new ArrayList<>();
    host.connectors()
        .forEach(
            (id, connector) ->
                host.sourceOf(id)
                    .filter(
                        s ->
                            TenantPlugins.allowed(
                                choices, s.pluginId(), PluginHost.BUNDLED.equals(s.source())))
                    .ifPresent(
                        s ->
                            entries.add(
                                new Entry(
                                    connector.descriptor(),
                                    s.pluginId(),
                                    s.pluginVersion(),
                                    s.source()))));
    return entries;
  }

  /**
   * The connector, if loaded and allowed for the tenant.
   *
   * @throws ProblemException 400 naming the connectors the tenant may use
   */
  public Connector require(TenantId tenant, String connectorId) {
    List<Entry> entries = available(tenant);
    for (Entry e : entries) {
      if (e.descriptor().id().equals(connectorId)) {
        return host.connector(connectorId).orElseThrow();
      }
    }
    throw new ProblemException(
        Problem.invalidFields(
            Map.of(
                "connector",
                "'"
                    + connectorId
                    + "' is not available; available: "
                    + entries.stream().map(e -> e.descriptor().id()).toList())));
  }

  /** Whether the tenant may run this connector now (loaded and allowed). */
  public boolean isAvailable(TenantId tenant, String connectorId) {
    return available(tenant).stream().anyMatch(e -> e.descriptor().id().equals(connectorId));
  }
}
