package io.millwright.server.models;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.platform.rest.QueryParams;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * Training runs over HTTP: analysts, data engineers and tenant admins start and cancel them; every
 * member follows them (progress per epoch, queue position and why it waits, metrics beside the
 * naive baseline).
 */
@Path("tenants/{slug}/training-runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TrainingRunsResource {

  @Inject TrainingRuns runs;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Train a model: {model, dataset, version?, target, task?, features?, modelType, split?,"
              + " timeColumn?, validationFraction?, hyperParameters?, seed?}. 202 with the queued"
              + " run; 400 names every bad field.")
  public Response start(@PathParam("slug") String slug, TrainingRequest request) {
    TrainingRun run =
        runs.start(context.requireTenant(), request, context.requireCaller(), context);
    return Response.accepted(json(run))
        .location(uri.getAbsolutePathBuilder().path(run.id().toString()).build())
        .build();
  }

  @GET
  @TenantRoles
  @Operation(summary = "Training runs, newest first.")
  public Map<String, Object> list(
      @PathParam("slug") String slug, @QueryParam("limit") @DefaultValue("50") String limit) {
    int n = QueryParams.bounded("limit", QueryParams.integer("limit", limit), 50, 1, 500);
    return Map.of("items", runs.list(tenant(), n).stream().map(this::json).toList());
  }

  @GET
  @Path("{id}")
  @TenantRoles
  @Operation(summary = "One training run with its progress, metrics and baseline.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("id") String id) {
    return json(
        runs.find(tenant(), id)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("There is no training run " + id + "."))));
  }

  @POST
  @Path("{id}/cancel")
  @TenantRoles({TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Cancel a queued or running run (a running one stops at its next check). 409 when it"
              + " has finished.")
  public Map<String, Object> cancel(@PathParam("slug") String slug, @PathParam("id") String id) {
    TrainingRun run =
        runs.find(tenant(), id)
            .orElseThrow(
                () ->
                    new ProblemException(Problem.notFound("There is no training run " + id + ".")));
    return json(runs.cancel(tenant(), run.id(), context.requireCaller(), context));
  }

  Map<String, Object> json(TrainingRun r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.id());
    json.put("model", r.modelName());
    json.put("status", r.status());
    if (r.status().equals("queued")) {
      json.put("queuePosition", runs.position(r));
      json.put(
          "waitingReason",
          r.waitingReason() == null ? "waiting for a free job slot" : r.waitingReason());
    }
    json.put("dataset", r.datasetName());
    json.put("datasetVersion", r.snapshotId());
    json.put("modelType", r.modelType());
    json.put("modelTypeVersion", r.modelTypeVersion());
    json.put("plugin", r.pluginId());
    json.put("pluginVersion", r.pluginVersion());
    json.put("task", r.task());
    json.put("target", r.target());
    json.put("features", r.features());
    json.put("timeColumn", r.timeColumn());
    json.put("split", r.split());
    json.put("validationFraction", r.validationFraction());
    json.put("hyperParameters", r.hyperParameters());
    List<Map<String, Object>> search = runs.search(r);
    if (!search.isEmpty()) {
      json.put("search", search); // what "auto" tried; modelType is the one it kept
    }
    json.put("seed", Long.toString(r.seed()));
    json.put("device", r.device());
    json.put("attempts", r.attempts());
    json.put("epochs", r.epochs());
    json.put("epochsPlanned", r.epochsPlanned());
    json.put("trainingRows", r.trainingRows());
    json.put("validationRows", r.validationRows());
    json.put("metrics", r.metrics());
    json.put("baseline", r.baseline());
    json.put("modelVersion", r.modelVersion());
    json.put("artifactSha256", r.artifactSha256());
    json.put("artifactBytes", r.artifactBytes());
    // The platform's own steps: artifactSaveSeconds, artifactLoadSeconds.
    json.putAll(r.timings());
    json.put("cpuSeconds", r.cpuSeconds());
    json.put("gpuSeconds", r.gpuSeconds());
    json.put("error", r.error());
    json.put("requestedBy", r.requestedBy());
    json.put("node", r.nodeId());
    json.put("queuedAt", r.queuedAt());
    json.put("startedAt", r.startedAt());
    json.put("finishedAt", r.finishedAt());
    return json;
  }

  private TenantId tenant() {
    return context.requireTenant().tenantId();
  }
}
