package io.millwright.server.models;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
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

/**
 * The model types a tenant may train: those of loaded plugins that are enabled for it (shipped
 * plugins unless switched off, installed ones once a platform admin enables them), the same rule as
 * for connectors.
 */
@ApplicationScoped
public class ModelTypeCatalog {

  @Inject PluginHost host;
  @Inject TenantPlugins tenantPlugins;

  /** A model type as the catalogue shows it, with the plugin that provides it. */
  public record Entry(
      ModelTypeDescriptor descriptor, String pluginId, String pluginVersion, String source) {}

  public List<Entry> available(TenantId tenant) {
    Map<String, Boolean> choices = tenantPlugins.choices(tenant);
    List<Entry> entries = new ArrayList<>();
    host.modelTypes()
        .forEach(
            (id, type) ->
                host.sourceOfModelType(id)
                    .filter(
                        s ->
                            TenantPlugins.allowed(
                                choices, s.pluginId(), PluginHost.BUNDLED.equals(s.source())))
                    .ifPresent(
                        s ->
                            entries.add(
                                new Entry(
                                    type.descriptor(),
                                    s.pluginId(),
                                    s.pluginVersion(),
                                    s.source()))));
    return entries;
  }

  /**
   * The model type, if loaded and allowed for the tenant.
   *
   * @throws ProblemException 400 naming the types the tenant may use
   */
  public ModelType require(TenantId tenant, String modelTypeId) {
    List<Entry> entries = available(tenant);
    for (Entry e : entries) {
      if (e.descriptor().id().equals(modelTypeId)) {
        return host.modelType(modelTypeId).orElseThrow();
      }
    }
    throw new ProblemException(
        Problem.invalidFields(
            Map.of(
                "modelType",
                "'"
                    + modelTypeId
                    + "' is not available; available: "
                    + entries.stream().map(e -> e.descriptor().id()).toList())));
  }
}
