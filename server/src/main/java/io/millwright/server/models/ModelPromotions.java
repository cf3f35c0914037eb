package io.millwright.server.models;

import io.millwright.plugin.api.model.Task;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.models.training.Evaluation;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Making a version the champion, behind quality gates: it must beat the naive baseline on its
 * task's primary metric, and beat the current champion by the configured margin. Rollback puts back
 * the champion before the last promotion in one step. Every change is audited.
 */
@ApplicationScoped
public class ModelPromotions {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject ModelStore models;
  @Inject AuditTrail audit;

  /** How much better than the champion a challenger must be (relative, 0.01 = 1 %). */
  @Inject
  @ConfigProperty(name = "millwright.models.promotion-margin", defaultValue = "0.01")
  double margin;

  /** What a promotion did: the model now, and the request when it waits for a second person. */
  public record Outcome(ModelStore.Model model, ModelStore.PromotionRequest pending) {}

  /**
   * Makes the version the champion when it passes the gates, or, when the model needs a second
   * approver, records the request for someone else to approve.
   */
  public Outcome promote(
      TenantId tenant,
      String name,
      int version,
      String reason,
      Caller caller,
      RequestContext context) {
    ModelStore.Model model = model(tenant, name);
    Map<String, Object> details = gates(tenant, model, version);
    details.put("reason", reason);
    if (model.secondApprover()) {
      ModelStore.PromotionRequest request =
          new ModelStore.PromotionRequest(
              UUID.randomUUID(),
              version,
              reason,
              caller.subject(),
              caller.displayName(),
              Instant.now(),
              "pending",
              null,
              null,
              null);
      if (!models.requestPromotion(tenant, name, request)) {
        throw new ProblemException(
            Problem.conflict(
                "A promotion of model '"
                    + name
                    + "' is waiting for approval already; approve or reject it first."));
      }
      details.put("request", request.id().toString());
      audit.appendInNewTransaction(
          tenant, AuditEvent.success(caller, "model.promote.request", name, context, details));
      return new Outcome(model(tenant, name), request);
    }
    models.setAlias(tenant, name, "champion", version, reason, caller.displayName());
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "model.promote", name, context, details));
    return new Outcome(model(tenant, name), null);
  }

  /**
   * A second person approves a waiting promotion: the gates are checked again (the champion may
   * have changed since the request) and the version becomes the champion.
   */
  public ModelStore.Model approve(
      TenantId tenant, String name, UUID requestId, Caller caller, RequestContext context) {
    ModelStore.Model model = model(tenant, name);
    ModelStore.PromotionRequest request = pending(tenant, name, requestId);
    if (request.requestedBySubject().equals(caller.subject())) {
      throw new ProblemException(
          Problem.of(
              403,
              "second-approver-required",
              "A second approver is required",
              "You asked for this promotion, so someone else (a data engineer or tenant admin)"
                  + " must approve it."));
    }
    Map<String, Object> details;
    try {
      details = gates(tenant, model, request.version());
    } catch (ProblemException refused) {
      models.decide(tenant, requestId, "rejected", "quality gate", refused.problem().detail());
      throw refused;
    }
    if (!models.decide(tenant, requestId, "approved", caller.displayName(), null)) {
      throw new ProblemException(
          Problem.conflict("The promotion request " + requestId + " was decided meanwhile."));
    }
    models.setAlias(
        tenant,
        name,
        "champion",
        request.version(),
        request.reason() == null
            ? "approved by " + caller.displayName()
            : request.reason() + " (approved by " + caller.displayName() + ")",
        request.requestedBy());
    details.put("reason", request.reason());
    details.put("request", requestId.toString());
    details.put("requestedBy", request.requestedBy());
    details.put("approvedBy", caller.displayName());
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "model.promote", name, context, details));
    return model(tenant, name);
  }

  /** Closes a waiting promotion without changing the champion. */
  public ModelStore.Model reject(
      TenantId tenant,
      String name,
      UUID requestId,
      String note,
      Caller caller,
      RequestContext context) {
    ModelStore.PromotionRequest request = pending(tenant, name, requestId);
    if (!models.decide(tenant, requestId, "rejected", caller.displayName(), note)) {
      throw new ProblemException(
          Problem.conflict("The promotion request " + requestId + " was decided meanwhile."));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", request.version());
    details.put("request", requestId.toString());
    details.put("note", note);
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "model.promote.reject", name, context, details));
    return model(tenant, name);
  }

  /** Sets whether promoting this model needs a second person's approval. */
  public ModelStore.Model requireSecondApprover(
      TenantId tenant, String name, boolean required, Caller caller, RequestContext context) {
    model(tenant, name);
    models.setSecondApprover(tenant, name, required);
    audit.appendInNewTransaction(
        tenant,
        AuditEvent.success(
            caller, "model.policy", name, context, Map.of("secondApprover", required)));
    return model(tenant, name);
  }

  /**
   * Checks the quality gates for making the version the champion.
   *
   * @return what the audit records of it
   * @throws ProblemException 422 naming the gate that refuses, 409 when it is the champion already
   */
  private Map<String, Object> gates(TenantId tenant, ModelStore.Model model, int version) {
    String name = model.name();
    List<ModelStore.Version> versions = models.versions(tenant, name);
    ModelStore.Version candidate = find(versions, version, name);
    Task task = Task.valueOf(model.task().toUpperCase(Locale.ROOT).replace('-', '_'));
    String metric = Evaluation.primaryMetric(task);
    boolean higher = Evaluation.higherIsBetter(task);
    double value = metric(candidate.metrics(), metric);
    double baseline = metric(candidate.baseline(), metric);
    if (!(higher ? value > baseline : value < baseline)) {
      throw refused(
          "Version "
              + version
              + " does not beat the naive baseline on "
              + metric
              + " ("
              + value
              + " against "
              + baseline
              + "); it cannot become the champion.");
    }
    Integer champion = model.aliases().get("champion");
    if (champion != null && champion == version) {
      throw new ProblemException(
          Problem.conflict("Version " + version + " is the champion already."));
    }
    if (champion != null) {
      double current = metric(find(versions, champion, name).metrics(), metric);
      double needed = higher ? current * (1 + margin) : current * (1 - margin);
      if (higher ? value < needed : value > needed) {
        throw refused(
            "Version "
                + version
                + " has "
                + metric
                + " "
                + value
                + "; the champion (version "
                + champion
                + ") has "
                + current
                + ", and a new champion must be better by "
                + (margin * 100)
                + " % ("
                + metric
                + (higher ? " ≥ " : " ≤ ")
                + needed
                + ").");
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version);
    details.put("previous", champion);
    details.put(metric, value);
    return details;
  }

  private ModelStore.PromotionRequest pending(TenantId tenant, String name, UUID requestId) {
    return models.promotionRequests(tenant, name, true).stream()
        .filter(r -> r.id().equals(requestId))
        .findFirst()
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "Model '"
                            + name
                            + "' has no promotion request "
                            + requestId
                            + " waiting for approval.")));
  }

  /** Puts back the champion before the last promotion (or none, if there was none). */
  public ModelStore.Model rollback(
      TenantId tenant, String name, Caller caller, RequestContext context) {
    ModelStore.Model model = model(tenant, name);
    Integer champion = model.aliases().get("champion");
    if (champion == null) {
      throw new ProblemException(
          Problem.conflict("Model '" + name + "' has no champion to roll back."));
    }
    Integer previous = models.previousChampion(tenant, name);
    models.setAlias(
        tenant,
        name,
        "champion",
        previous,
        "rollback from version " + champion,
        caller.displayName());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", champion);
    details.put("to", previous);
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "model.rollback", name, context, details));
    return model(tenant, name);
  }

  private ModelStore.Model model(TenantId tenant, String name) {
    return models
        .find(tenant, name)
        .orElseThrow(
            () -> new ProblemException(Problem.notFound("There is no model '" + name + "'.")));
  }

  private static ModelStore.Version find(
      List<ModelStore.Version> versions, int version, String name) {
    return versions.stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound("Model '" + name + "' has no version " + version + ".")));
  }

  @SuppressWarnings("unchecked")
  private static double metric(String json, String name) {
    Object v = JSON.fromJson(json, Map.class).get(name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static ProblemException refused(String detail) {
    return new ProblemException(
        Problem.of(422, "promotion-refused", "Promotion refused by a quality gate", detail));
  }
}
