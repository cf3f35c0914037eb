package io.millwright.server.security;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.tenants.TenantDirectory;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that decides whether a caller may act in a tenant, for the REST edge and the
 * console alike: a tenant that does not exist, is not active or suspended, or that the caller does
 * not belong to gets the same 404; a suspended tenant 403; a missing role 403. Every refusal is
 * audited (on the platform chain when the tenant must not be revealed) and thrown as a problem.
 */
@ApplicationScoped
public class TenantGate {

  private static final Logger LOG = Logger.getLogger(TenantGate.class.getName());

  @Inject TenantDirectory tenants;
  @Inject AuditTrail audit;
  @Inject TenantRateLimiter limiter;

  /**
   * @param wanted roles of which the caller needs one; empty admits any member
   * @param attempt what was tried, for the audit entry (e.g. "GET /tenants/acme/members")
   * @throws ProblemException when refused
   */
  public TenantAccess admit(
      Caller caller, String slug, Set<TenantRole> wanted, String attempt, RequestContext context) {
    var resolution = tenants.resolve(slug, caller.subject());
    boolean visible =
        resolution.isPresent()
            && !resolution.get().roles().isEmpty()
            && (resolution.get().status() == TenantStatus.ACTIVE
                || resolution.get().status() == TenantStatus.SUSPENDED);
    if (!visible) {
      throw refuse(
          TenantId.PLATFORM,
          caller,
          attempt,
          context,
          "not a member of tenant '" + slug + "'",
          Problem.notFound("There is no tenant '" + slug + "' that you belong to."));
    }
    var found = resolution.get();
    if (!found.status().admitsAccess()) {
      throw refuse(
          found.tenantId(),
          caller,
          attempt,
          context,
          "tenant suspended",
          Problem.of(
              403,
              "tenant-suspended",
              "Tenant suspended",
              "Tenant '" + slug + "' is suspended; ask your platform administrator."));
    }
    EnumSet<TenantRole> needed =
        wanted.isEmpty() ? EnumSet.allOf(TenantRole.class) : EnumSet.copyOf(wanted);
    if (found.roles().stream().noneMatch(needed::contains)) {
      throw refuse(
          found.tenantId(),
          caller,
          attempt,
          context,
          "missing role, needs one of " + wireNames(needed),
          Problem.forbidden(
              "This needs one of the roles " + wireNames(needed) + " in tenant '" + slug + "'."));
    }
    rateLimit(found, slug);
    return new TenantAccess(found.tenantId(), slug, found.name(), found.roles());
  }

  private void rateLimit(TenantDirectory.Resolution found, String slug) {
    long retryAfter = limiter.acquire(found.tenantId(), found.apiRequestsPerMinute());
    if (retryAfter > 0) {
      // Not audited: a flood of refusals must not become a flood of audit rows.
      throw new ProblemException(
          Problem.of(
                  429,
                  "rate-limited",
                  "Too many requests",
                  "Tenant '"
                      + slug
                      + "' has used its "
                      + found.apiRequestsPerMinute()
                      + " requests for this minute; retry in "
                      + retryAfter
                      + " seconds.")
              .with("retryAfterSeconds", retryAfter));
    }
  }

  /**
   * Admits a request signed by an outside sender (no caller, no role): the tenant must exist and be
   * active, and the request counts against the tenant's rate limit like any other. Refusals are not
   * audited: anyone on the internet can send them, and they must not fill the audit trail.
   *
   * @throws ProblemException 404 for an unknown or deleted tenant, 403 suspended, 429 over quota
   */
  public TenantAccess admitSender(String slug, String attempt) {
    var resolution = tenants.resolve(slug, null);
    if (resolution.isEmpty()
        || !(resolution.get().status() == TenantStatus.ACTIVE
            || resolution.get().status() == TenantStatus.SUSPENDED)) {
      LOG.fine(() -> "Refused a signed delivery for unknown tenant: " + attempt);
      throw new ProblemException(Problem.notFound("There is no push address " + attempt + "."));
    }
    var found = resolution.get();
    if (!found.status().admitsAccess()) {
      throw new ProblemException(
          Problem.of(
              403,
              "tenant-suspended",
              "Tenant suspended",
              "Tenant '" + slug + "' is suspended and accepts no deliveries."));
    }
    rateLimit(found, slug);
    return new TenantAccess(found.tenantId(), slug, found.name(), Set.of());
  }

  /**
   * @throws ProblemException 403 unless the caller is a platform admin
   */
  public void admitPlatformAdmin(Caller caller, String attempt, RequestContext context) {
    if (!caller.isPlatformAdmin()) {
      throw refuse(
          TenantId.PLATFORM,
          caller,
          attempt,
          context,
          "platform-admin required",
          Problem.forbidden("This operation is reserved to platform administrators."));
    }
  }

  private ProblemException refuse(
      TenantId chain,
      Caller caller,
      String attempt,
      RequestContext context,
      String reason,
      Problem problem) {
    try {
      audit.appendInNewTransaction(
          chain,
          AuditEvent.denied(caller, "access.denied", attempt, context, Map.of("reason", reason)));
    } catch (RuntimeException e) {
      // The caller still gets the refusal, not a second error.
      LOG.log(Level.SEVERE, "Could not audit a refusal of " + attempt, e);
    }
    return new ProblemException(problem);
  }

  static String wireNames(Set<TenantRole> roles) {
    return roles.stream().map(TenantRole::wireName).sorted().toList().toString();
  }
}
