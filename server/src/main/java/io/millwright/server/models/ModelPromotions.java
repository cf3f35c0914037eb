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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  public ModelStore.Model promote(
      TenantId tenant,
      String name,
      int version,
      String reason,
      Caller caller,
      RequestContext context) {
    ModelStore.Model model = model(tenant, name);
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
    models.setAlias(tenant, name, "champion", version, reason, caller.displayName());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version);
    details.put("previous", champion);
    details.put(metric, value);
    details.put("reason", reason);
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "model.promote", name, context, details));
    return model(tenant, name);
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
