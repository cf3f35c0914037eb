package io.millwright.server.connections;

import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.connections.runtime.IngestionRuntime;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  private static final long CHECK_SECONDS = 60;

  @Inject Connections connections;
  @Inject ConnectionStore store;
  @Inject ConnectorCatalog catalog;
  @Inject IngestionRuntime runtime;
  @Inject RequestContext context;
  @Resource ManagedExecutorService executor;
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
    Connection made = connections.create(tenant(), spec, context.requireCaller(), context);
    runtime.refresh(made.tenant(), made.id());
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
    Connection changed = connections.update(tenant(), name, spec, context.requireCaller(), context);
    runtime.refresh(changed.tenant(), changed.id());
    return json(changed);
  }

  @DELETE
  @Path("connections/{name}")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Stop and delete a connection with its runs (the data stays).")
  public Response delete(@PathParam("slug") String slug, @PathParam("name") String name) {
    UUID id = connections.stored(tenant(), name).connection().id();
    runtime.undeploy(id);
    connections.delete(tenant(), name, context.requireCaller(), context);
    runtime.refresh(tenant(), id);
    return Response.noContent().build();
  }

  @POST
  @Path("connections/{name}/pause")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Pause a connection: its route stops after the batch in flight.")
  public Map<String, Object> pause(@PathParam("slug") String slug, @PathParam("name") String name) {
    Connection c = connections.pause(tenant(), name, null, context.requireCaller(), context);
    runtime.refresh(c.tenant(), c.id());
    return json(c);
  }

  @POST
  @Path("connections/{name}/resume")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Resume a paused connection from its committed offset.")
  public Map<String, Object> resume(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    Connection c = connections.resume(tenant(), name, context.requireCaller(), context);
    runtime.refresh(c.tenant(), c.id());
    return json(c);
  }

  @POST
  @Path("connections/{name}/run")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Run a polled connection now (202); 409 when it is paused, streaming or already"
              + " running.")
  public Response runNow(@PathParam("slug") String slug, @PathParam("name") String name) {
    Connection c = connections.get(tenant(), name);
    if (!c.active()) {
      throw new ProblemException(
          Problem.conflict("Connection " + name + " is paused; resume it first."));
    }
    if (c.schedule().kind() == Schedule.Kind.STREAM || c.schedule().kind() == Schedule.Kind.PUSH) {
      throw new ProblemException(
          Problem.conflict(
              "Connection "
                  + name
                  + " is a "
                  + c.schedule().text()
                  + "; it has no runs to start."));
    }
    if (!runtime.runNow(c.id())) {
      throw new ProblemException(
          Problem.conflict(
              "Connection "
                  + name
                  + " cannot start a run now: a run is in progress, or its connector is not"
                  + " loaded ("
                  + runtime.status(c.id()).state()
                  + ")."));
    }
    connections.auditRunRequest(tenant(), name, context.requireCaller(), context);
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
    if (spec == null || spec.connector() == null) {
      throw new ProblemException(Problem.invalidFields(Map.of("connector", "is required")));
    }
    ConnectorConfig config = connections.draftConfig(tenant(), spec, null);
    return check(catalog.require(tenant(), spec.connector()), config, "draft");
  }

  @POST
  @Path("connections/{name}/test")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Test a saved connection's configuration against its source.")
  public Map<String, Object> test(@PathParam("slug") String slug, @PathParam("name") String name) {
    ConnectionStore.Stored stored = connections.stored(tenant(), name);
    Connector connector = catalog.require(tenant(), stored.connection().connectorId());
    return check(connector, connections.config(stored, connector.descriptor()), name);
  }

  private Map<String, Object> check(Connector connector, ConnectorConfig config, String name) {
    TestContext ctx = new TestContext(UUID.randomUUID().toString(), config);
    Future<ConnectionCheck> future = executor.submit(() -> connector.check(ctx));
    try {
      ConnectionCheck check = future.get(CHECK_SECONDS, TimeUnit.SECONDS);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ok", true);
      json.put("summary", check.summary());
      json.put("sample", check.sample().stream().map(ConnectionsResource::record).toList());
      return json;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ProblemException(
          Problem.of(
              422,
              "connection-test-failed",
              "Connection test failed",
              "The source did not answer within " + CHECK_SECONDS + " s."));
    } catch (ExecutionException e) {
      String why =
          e.getCause() instanceof ConnectorException ce
              ? ce.getMessage()
              : "the connector failed: " + e.getCause();
      throw new ProblemException(
          Problem.of(422, "connection-test-failed", "Connection test failed", why));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProblemException(Problem.badRequest("interrupted"));
    }
  }

  /** A check runs outside any route: a context of its own, logged under the connector. */
  private record TestContext(String connectionId, ConnectorConfig config)
      implements io.millwright.plugin.api.connector.ConnectorContext {
    @Override
    public System.Logger log() {
      return System.getLogger("millwright.connection.test");
    }

    @Override
    public void status(String line) {}
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
    json.put("writeMode", c.replace() ? "replace" : "append");
    json.put("batchRecords", c.batchRecords());
    json.put("batchWait", c.batchWait().toString());
    json.put("state", c.active() ? "active" : "paused");
    json.put("pausedReason", c.pausedReason());
    json.put("consecutiveFailures", c.consecutiveFailures());
    json.put("committedOffset", c.committedOffset());
    json.put("committedVersion", c.committedSnapshot());
    json.put("committedAt", c.committedAt());
    json.put("live", runtime.status(c.id()));
    json.put("createdAt", c.createdAt());
    json.put("createdBy", c.createdBy());
    json.put("updatedAt", c.updatedAt());
    return json;
  }

  private TenantId tenant() {
    return context.requireTenant().tenantId();
  }
}
