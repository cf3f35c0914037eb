package io.millwright.server.models;

import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The model types a tenant may train, with what each learns and its hyperparameters. */
@Path("tenants/{slug}/model-types")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelTypesResource {

  @Inject ModelTypeCatalog catalog;
  @Inject RequestContext context;

  @GET
  @TenantRoles
  @Operation(
      summary =
          "Model types this tenant may train: id, version, tasks, the column kinds they take, and"
              + " their hyperparameters with defaults and ranges.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of(
        "items",
        catalog.available(context.requireTenant().tenantId()).stream()
            .map(e -> json(e.descriptor(), e.pluginId(), e.pluginVersion(), e.source()))
            .toList());
  }

  static Map<String, Object> json(
      ModelTypeDescriptor d, String plugin, String pluginVersion, String source) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", d.id());
    json.put("displayName", d.displayName());
    json.put("description", d.description());
    json.put("version", d.version());
    json.put("tasks", d.tasks().stream().map(ModelTypesResource::wire).sorted().toList());
    json.put(
        "featureKinds", d.featureKinds().stream().map(ModelTypesResource::wire).sorted().toList());
    json.put("usesGpu", d.usesGpu());
    // Imports a person's trained file (POST .../model-files) instead of learning.
    json.put("importsModel", d.importsModel());
    json.put("plugin", plugin);
    json.put("pluginVersion", pluginVersion);
    json.put("shipped", io.millwright.server.plugins.PluginHost.BUNDLED.equals(source));
    json.put(
        "hyperParameters", d.hyperParameters().stream().map(ModelTypesResource::json).toList());
    return json;
  }

  private static Map<String, Object> json(HyperParameter h) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", h.name());
    json.put("label", h.label());
    json.put("description", h.description());
    json.put("type", wire(h.type()));
    json.put("default", h.defaultValue());
    if (h.min() != null) {
      json.put("min", h.min());
    }
    if (h.max() != null) {
      json.put("max", h.max());
    }
    if (!h.choices().isEmpty()) {
      json.put("choices", h.choices());
    }
    return json;
  }

  private static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
