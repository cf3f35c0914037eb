package io.millwright.server.connections;

import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's connections over HTTP, and the catalogue of connectors it may use. Members read; data
 * engineers and tenant admins create, change, test, run, pause and delete. Secret option values are
 * accepted but never returned: a connection shows which secrets are set, not what they are.
 */
@Path("tenants/{slug}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

  @Inject Connections connections;
  @Inject ConnectionControl control;
  @Inject ConnectionChecks checks;
  @Inject ConnectionStore store;
  @Inject ConnectorCatalog catalog;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @Path("connectors")
  @TenantRoles
  @Operation(
      summary =
          "Connectors this tenant may use: id, version, capabilities and the configuration each"
              + " takes (types, defaults, help, which options are secret).")
  public Map<String, Object> connectors(@PathParam("slug") String slug) {
    return Map.of(
        "items",
        catalog.available(tenant()).stream()
            .map(
                e -> {
                  Map<String, Object> json = descriptor(e.descriptor());
                  json.put("plugin", e.pluginId());
                  json.put("pluginVersion", e.pluginVersion());
                  json.put("shipped", "bundled".equals(e.source()));
                  return json;
                })
            .toList());
  }

  @GET
  @Path("connections")
  @TenantRoles
  @Operation(summary = "The tenant's connections with their state and live status.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of("items", connections.list(tenant()).stream().map(this::json).toList());
  }

  @POST
  @Path("connections")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Create a connection: connector, configuration (checked against the connector's"
              + " descriptor; secrets sealed), target dataset, schedule. It starts at once.")
  public Response create(@PathParam("slug") String slug, ConnectionSpec spec) {
    Connection made = control.create(tenant(), spec, context.requireCaller(), context);
    return Response.created(uri.getAbsolutePathBuilder().path(made.name()).build())
        .entity(json(made))
        .build();
  }

  @GET
  @Path("connections/{name}")
  @TenantRoles
  @Operation(summary = "One connection: configuration (no secret values), offset, live status.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("name") String name) {
    return json(connections.get(tenant(), name));
  }

  @PUT
  @Path("connections/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Change a connection; secret options left out keep their stored values. Its route is"
              + " restarted with the new configuration.")
  public Map<String, Object> update(
      @PathParam("slug") String slug, @PathParam("name") String name, ConnectionSpec spec) {
    return json(control.update(tenant(), name, spec, context.requireCaller(), context));
  }

  @DELETE
  @Path("connections/{name}")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Stop and delete a connection with its runs (the data stays).")
  public Response delete(@PathParam("slug") String slug, @PathParam("name") String name) {
    control.delete(tenant(), name, context.requireCaller(), context);
    return Response.noContent().build();
  }

  @POST
  @Path("connections/{name}/pause")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Pause a connection: its route stops after the batch in flight.")
  public Map<String, Object> pause(@PathParam("slug") String slug, @PathParam("name") String name) {
    return json(control.pause(tenant(), name, context.requireCaller(), context));
  }

  @POST
  @Path("connections/{name}/resume")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Resume a paused connection from its committed offset.")
  public Map<String, Object> resume(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return json(control.resume(tenant(), name, context.requireCaller(), context));
  }

  @POST
  @Path("connections/{name}/run")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Run a polled connection now (202); 409 when it is paused, streaming or already"
              + " running.")
  public Response runNow(@PathParam("slug") String slug, @PathParam("name") String name) {
    Connection c = control.runNow(tenant(), name, context.requireCaller(), context);
    return Response.accepted(json(c)).build();
  }

  @GET
  @Path("connections/{name}/runs")
  @TenantRoles
  @Operation(summary = "Recent runs, newest first: counts, offsets, duration, error.")
  public Map<String, Object> runs(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    Connection c = connections.get(tenant(), name);
    return Map.of("items", store.runs(tenant(), c.id(), Math.max(1, Math.min(500, limit))));
  }

  @POST
  @Path("connections/test")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Test a configuration before saving it: the connector reaches its source and shows a"
              + " sample. 200 with the summary, 422 with the source's refusal.")
  public Map<String, Object> testDraft(@PathParam("slug") String slug, ConnectionSpec spec) {
    return json(checks.draft(tenant(), spec));
  }

  @POST
  @Path("connections/{name}/test")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Test a saved connection's configuration against its source.")
  public Map<String, Object> test(@PathParam("slug") String slug, @PathParam("name") String name) {
    return json(checks.saved(tenant(), name));
  }

  private static Map<String, Object> json(ConnectionCheck check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ok", true);
    json.put("summary", check.summary());
    json.put("sample", check.sample().stream().map(ConnectionsResource::record).toList());
    return json;
  }

  static Map<String, Object> record(SourceRecord r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("origin", r.origin());
    Map<String, Object> values = new LinkedHashMap<>();
    r.values().forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
    json.put("values", values);
    if (r.isUnreadable()) {
      json.put("problem", r.problem());
    }
    return json;
  }

  static Map<String, Object> descriptor(ConnectorDescriptor d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", d.id());
    json.put("version", d.version());
    json.put("displayName", d.displayName());
    json.put("description", d.description());
    json.put(
        "capabilities",
        d.capabilities().stream().map(c -> c.name().toLowerCase()).sorted().toList());
    List<Map<String, Object>> options =
        d.options().stream()
            .map(
                (ConfigOption o) -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", o.name());
                  m.put("label", o.label());
                  m.put("description", o.description());
                  m.put("type", o.type().name().toLowerCase());
                  m.put("required", o.required());
                  m.put("default", o.defaultValue());
                  m.put("secret", o.secret());
                  if (!o.choices().isEmpty()) {
                    m.put("choices", o.choices());
                  }
                  return m;
                })
            .toList();
    json.put("options", options);
    return json;
  }

  private Map<String, Object> json(Connection c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", c.name());
    json.put("description", c.description());
    json.put("connector", c.connectorId());
    json.put("dataset", c.datasetName());
    json.put("config", c.config());
    json.put("secretsSet", c.secretsSet());
    json.put("schedule", c.schedule().text());
    if (c.schedule().kind() == Schedule.Kind.PUSH) {
      // Where senders deliver; the connector's signature, not a token, admits them.
      json.put("pushUrl", "/api/push/" + context.requireTenant().slug() + "/" + c.id());
    }
    json.put("writeMode", c.replace() ? "replace" : "append");
    json.put("batchRecords", c.batchRecords());
    json.put("batchWait", c.batchWait().toString());
    json.put("state", c.active() ? "active" : "paused");
    json.put("pausedReason", c.pausedReason());
    json.put("consecutiveFailures", c.consecutiveFailures());
    json.put("committedOffset", c.committedOffset());
    json.put("committedVersion", c.committedSnapshot());
    json.put("committedAt", c.committedAt());
    json.put("live", control.status(c));
    json.put("createdAt", c.createdAt());
    json.put("createdBy", c.createdBy());
    json.put("updatedAt", c.updatedAt());
    return json;
  }

  private TenantId tenant() {
    return context.requireTenant().tenantId();
  }
}
