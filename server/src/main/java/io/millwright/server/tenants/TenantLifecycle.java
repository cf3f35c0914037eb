package io.millwright.server.tenants;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.Plan;
import io.millwright.tenancy.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Changes to live tenants: details, plan and quotas, suspension, resumption and deletion. */
@ApplicationScoped
public class TenantLifecycle {

  /** A partial update; null members stay as they are. */
  public record TenantChanges(String name, String plan, Quotas quotas) {}

  @Inject TenantRegistry registry;
  @Inject PlatformSettings settings;

  public Tenant update(String slug, TenantChanges changes, Caller caller, RequestContext ctx) {
    if (changes == null
        || (changes.name() == null && changes.plan() == null && changes.quotas() == null)) {
      throw new ProblemException(Problem.badRequest("Send at least one of name, plan, quotas."));
    }
    if (changes.name() != null && (changes.name().isBlank() || changes.name().length() > 200)) {
      throw new ProblemException(Problem.badRequest("name: a name is 1 to 200 characters"));
    }
    Plan plan =
        changes.plan() == null
            ? null
            : Plan.fromWireName(changes.plan())
                .orElseThrow(
                    () ->
                        new ProblemException(
                            Problem.badRequest(
                                "plan: a plan is one of starter, business, enterprise")));
    Map<String, Object> details = new LinkedHashMap<>();
    if (changes.name() != null) {
      details.put("name", changes.name().trim());
    }
    if (plan != null) {
      details.put("plan", plan.wireName());
    }
    if (changes.quotas() != null) {
      details.put("quotas", changes.quotas().toString());
    }
    return change(
        slug,
        t -> {
          if (changes.name() != null) {
            t.rename(changes.name().trim());
          }
          if (plan != null) {
            t.changePlan(plan);
            if (changes.quotas() == null) {
              t.setQuotas(plan.defaultQuotas());
            }
          }
          if (changes.quotas() != null) {
            t.setQuotas(changes.quotas());
          }
        },
        AuditEvent.success(caller, "tenant.update", slug, ctx, details));
  }

  public Tenant suspend(String slug, Caller caller, RequestContext ctx) {
    return change(
        slug, Tenant::suspend, AuditEvent.success(caller, "tenant.suspend", slug, ctx, Map.of()));
  }

  public Tenant resume(String slug, Caller caller, RequestContext ctx) {
    return change(
        slug, Tenant::resume, AuditEvent.success(caller, "tenant.resume", slug, ctx, Map.of()));
  }

  /** Revokes all access at once and schedules the purge after the grace period. */
  public Tenant delete(String slug, Caller caller, RequestContext ctx) {
    Instant now = Instant.now();
    Instant purgeAfter = now.plus(settings.purgeGrace());
    return change(
        slug,
        t -> t.markDeleted(now, purgeAfter),
        AuditEvent.success(
            caller, "tenant.delete", slug, ctx, Map.of("purgeAfter", purgeAfter.toString())));
  }

  private Tenant change(String slug, java.util.function.Consumer<Tenant> change, AuditEvent event) {
    try {
      return registry.change(slug, change, event);
    } catch (TenantNotFoundException e) {
      throw new ProblemException(Problem.notFound("There is no tenant '" + slug + "'."));
    } catch (TenantStateException e) {
      throw new ProblemException(
          Problem.conflict("Tenant '" + slug + "' cannot do that now: " + e.getMessage() + "."));
    }
  }
}
