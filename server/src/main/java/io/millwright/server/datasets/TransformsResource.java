package io.millwright.server.datasets;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** SQL transforms over HTTP: members read them; data engineers and admins define and run them. */
@Path("tenants/{slug}/transforms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TransformsResource {

  @Inject TransformDefinitions transforms;
  @Inject DatasetTransforms runs;
  @Inject TransformSchedules schedules;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @TenantRoles
  @Operation(summary = "The tenant's SQL transforms.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of(
        "items",
        transforms.list(context.requireTenant().tenantId()).stream()
            .map(TransformsResource::json)
            .toList());
  }

  @GET
  @Path("{name}")
  @TenantRoles
  @Operation(summary = "One transform.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("name") String name) {
    return json(
        transforms
            .find(context.requireTenant().tenantId(), name)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("There is no transform named '" + name + "'."))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Define a transform: a SELECT over the tenant's datasets and the dataset its result is"
              + " written to.")
  public Response define(@PathParam("slug") String slug, Transform.Definition definition) {
    TenantId tenant = context.requireTenant().tenantId();
    Transform made = transforms.define(tenant, definition, context.requireCaller(), context);
    schedules.replan(tenant, made.name());
    return Response.created(uri.getAbsolutePathBuilder().path(made.name()).build())
        .entity(json(transforms.find(tenant, made.name()).orElse(made)))
        .build();
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Change a transform's query, target, description or schedule (a paused schedule starts"
              + " again).")
  public Map<String, Object> update(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      Transform.Definition definition) {
    TenantId tenant = context.requireTenant().tenantId();
    transforms.update(tenant, name, definition, context.requireCaller(), context);
    schedules.replan(tenant, name);
    return json(transforms.find(tenant, name).orElseThrow());
  }

  @DELETE
  @Path("{name}")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Remove a transform (its target dataset stays).")
  public Response remove(@PathParam("slug") String slug, @PathParam("name") String name) {
    TenantId tenant = context.requireTenant().tenantId();
    transforms.remove(tenant, name, context.requireCaller(), context);
    schedules.replan(tenant, name);
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/runs")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Run the transform now: its result replaces the target's rows as a new version that"
              + " records the input versions.")
  public Response run(@PathParam("slug") String slug, @PathParam("name") String name) {
    DatasetUploads.Result result =
        runs.run(context.requireTenant().tenantId(), name, context.requireCaller(), context);
    Upload u = result.upload();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transform", name);
    m.put("status", u.status());
    m.put("rowsRead", u.rowsRead());
    m.put("rowsWritten", u.rowsWritten());
    m.put("rowsQuarantined", u.rowsQuarantined());
    m.put("rowsDeduplicated", u.rowsDeduplicated());
    m.put("version", u.snapshotId());
    return Response.status(Response.Status.CREATED).entity(m).build();
  }

  private static Map<String, Object> json(Transform t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("description", t.description());
    m.put("query", t.query());
    m.put("target", t.target());
    m.put("schedule", t.schedule().text());
    Transform.Scheduling sc = t.scheduling();
    m.put("paused", sc.pausedReason() != null);
    if (sc.pausedReason() != null) {
      m.put("pausedReason", sc.pausedReason());
    }
    m.put("failuresInARow", sc.failures());
    if (sc.nextRunAt() != null) {
      m.put("nextRunAt", sc.nextRunAt().toString());
    }
    if (sc.lastRun() != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("at", sc.lastRun().at().toString());
      last.put("status", sc.lastRun().status());
      last.put("message", sc.lastRun().message());
      if (sc.lastRun().version() != null) {
        last.put("version", sc.lastRun().version());
      }
      m.put("lastRun", last);
    }
    m.put("createdAt", t.createdAt().toString());
    m.put("createdBy", t.createdBy());
    m.put("updatedAt", t.updatedAt().toString());
    m.put("version", t.version());
    return m;
  }
}
