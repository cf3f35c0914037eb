package io.millwright.server.models;

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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The tenant's jobs now: running and queued, each queued one with its place and reason. */
@Path("tenants/{slug}/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

  @Inject TrainingRuns runs;
  @Inject RequestContext context;

  @GET
  @TenantRoles
  @Operation(
      summary =
          "Running and queued jobs of the tenant (queue position and why each waits) and the"
              + " quota they use: concurrent CPU jobs, GPU concurrency, GPU hours this month.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("quota", runs.quotaUse(context.requireTenant()));
    json.put(
        "items",
        runs.activeJobs(context.requireTenant().tenantId()).stream()
            .map(
                r -> {
                  Map<String, Object> j = new LinkedHashMap<>();
                  j.put("kind", "training");
                  j.put("run", r.id());
                  j.put("model", r.modelName());
                  j.put("modelType", r.modelType());
                  j.put("status", r.status());
                  j.put("queuePosition", runs.position(r));
                  j.put("waitingReason", r.waitingReason());
                  j.put("device", r.device());
                  j.put("node", r.nodeId());
                  j.put("queuedAt", r.queuedAt());
                  j.put("startedAt", r.startedAt());
                  return j;
                })
            .toList());
    return json;
  }
}
