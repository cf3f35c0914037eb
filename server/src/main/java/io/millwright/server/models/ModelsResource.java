package io.millwright.server.models;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The model registry: models, their versions with lineage and metrics, and their aliases. */
@Path("tenants/{slug}/models")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject ModelStore models;
  @Inject ModelPromotions promotions;
  @Inject RequestContext context;

  @GET
  @TenantRoles
  @Operation(summary = "The tenant's models with their latest version and aliases.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of("items", models.list(tenant()).stream().map(ModelsResource::json).toList());
  }

  @GET
  @Path("{name}")
  @TenantRoles
  @Operation(
      summary =
          "One model with every version: dataset and version, model type and plugin versions,"
              + " hyperparameters, seed, metrics beside the naive baseline, input signature,"
              + " artifact checksum.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("name") String name) {
    ModelStore.Model m =
        models
            .find(tenant(), name)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("There is no model '" + name + "'.")));
    Map<String, Object> json = json(m);
    json.put(
        "promotionRequests",
        models.promotionRequests(tenant(), name, false).stream()
            .map(ModelsResource::json)
            .toList());
    json.put(
        "versions",
        models.versions(tenant(), name).stream()
            .map(
                v -> {
                  Map<String, Object> j = new LinkedHashMap<>();
                  j.put("version", v.version());
                  j.put("run", v.runId());
                  j.put("modelType", v.modelType());
                  j.put("modelTypeVersion", v.modelTypeVersion());
                  j.put("plugin", v.pluginId());
                  j.put("pluginVersion", v.pluginVersion());
                  j.put("dataset", v.datasetName());
                  j.put("datasetVersion", v.snapshotId());
                  j.put("hyperParameters", JSON.fromJson(v.hyperParameters(), Map.class));
                  j.put("seed", Long.toString(v.seed()));
                  j.put("metrics", JSON.fromJson(v.metrics(), Map.class));
                  j.put("baseline", JSON.fromJson(v.baseline(), Map.class));
                  j.put("signature", JSON.fromJson(v.signature(), Map.class));
                  j.put("artifactSha256", v.artifactSha256());
                  j.put("createdAt", v.createdAt());
                  j.put("createdBy", v.createdBy());
                  return j;
                })
            .toList());
    return json;
  }

  /** A promotion: which version becomes the champion, and why. */
  public record Promotion(Integer version, String reason) {}

  @POST
  @Path("{name}/champion")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Make a version the champion: {version, reason}. 200 with the model when it is the"
              + " champion now; 202 with the waiting request when the model needs a second"
              + " approver. 422 when a quality gate refuses it (it must beat the naive baseline,"
              + " and the current champion by the promotion margin); 409 when it is the champion"
              + " already or another promotion waits for approval.")
  public Response promote(
      @PathParam("slug") String slug, @PathParam("name") String name, Promotion body) {
    if (body == null || body.version() == null) {
      throw new ProblemException(Problem.invalidFields(Map.of("version", "is required")));
    }
    ModelPromotions.Outcome outcome =
        promotions.promote(
            tenant(), name, body.version(), body.reason(), context.requireCaller(), context);
    if (outcome.pending() != null) {
      Map<String, Object> json = json(outcome.model());
      json.put("pendingPromotion", json(outcome.pending()));
      return Response.accepted(json).build();
    }
    return Response.ok(json(outcome.model())).build();
  }

  /** Whether promoting the model needs a second approver. */
  public record Policy(Boolean secondApprover) {}

  @PUT
  @Path("{name}/policy")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(
      summary =
          "Set the model's promotion policy: {secondApprover: true} makes every promotion wait"
              + " until someone other than the requester approves it.")
  public Map<String, Object> policy(
      @PathParam("slug") String slug, @PathParam("name") String name, Policy body) {
    if (body == null || body.secondApprover() == null) {
      throw new ProblemException(Problem.invalidFields(Map.of("secondApprover", "is required")));
    }
    return json(
        promotions.requireSecondApprover(
            tenant(), name, body.secondApprover(), context.requireCaller(), context));
  }

  @POST
  @Path("{name}/promotions/{request}/approve")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Approve a waiting promotion: the version becomes the champion if it still passes the"
              + " quality gates. 403 for the person who asked for it.")
  public Map<String, Object> approve(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @PathParam("request") String request) {
    return json(
        promotions.approve(tenant(), name, requestId(request), context.requireCaller(), context));
  }

  /** Why a promotion was rejected. */
  public record Rejection(String note) {}

  @POST
  @Path("{name}/promotions/{request}/reject")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Reject a waiting promotion, with an optional {note}; the champion stays.")
  public Map<String, Object> reject(
      @PathParam("slug") String slug,
      @PathParam("name") String name,
      @PathParam("request") String request,
      Rejection body) {
    return json(
        promotions.reject(
            tenant(),
            name,
            requestId(request),
            body == null ? null : body.note(),
            context.requireCaller(),
            context));
  }

  private static UUID requestId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.notFound("There is no promotion request " + text + "."));
    }
  }

  private static Map<String, Object> json(ModelStore.PromotionRequest r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.id());
    json.put("version", r.version());
    json.put("reason", r.reason());
    json.put("requestedBy", r.requestedBy());
    json.put("requestedAt", r.requestedAt());
    json.put("status", r.status());
    json.put("decidedBy", r.decidedBy());
    json.put("decidedAt", r.decidedAt());
    json.put("note", r.note());
    return json;
  }

  @POST
  @Path("{name}/rollback")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Put back the champion before the last promotion, in one step.")
  public Map<String, Object> rollback(
      @PathParam("slug") String slug, @PathParam("name") String name) {
    return json(promotions.rollback(tenant(), name, context.requireCaller(), context));
  }

  private static Map<String, Object> json(ModelStore.Model m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", m.name());
    json.put("task", m.task());
    json.put("latestVersion", m.latestVersion());
    json.put("aliases", m.aliases());
    json.put("secondApprover", m.secondApprover());
    json.put("createdAt", m.createdAt());
    json.put("createdBy", m.createdBy());
    return json;
  }

  private TenantId tenant() {
    return context.requireTenant().tenantId();
  }
}
