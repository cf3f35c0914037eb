package io.millwright.server.tenants;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.members.TenantMember;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import io.millwright.server.tenants.keycloak.KeycloakUnavailableException;
import io.millwright.tenancy.DataKeyCipher;
import io.millwright.tenancy.Plan;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantSlug;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.annotation.Timed;

/**
 * Provisions a tenant as a saga over three systems that share no transaction: PostgreSQL (registry
 * row and wrapped data key, committed first in status PROVISIONING), the tenant's storage area, and
 * Keycloak (organization, first admin, membership). The tenant becomes ACTIVE in a last
 * transaction. If any step fails, the steps already done are undone (compensation) and the caller
 * is told that nothing was kept; if the process dies instead, {@link ProvisioningRecovery}
 * compensates at the next start. Either way no half-made tenant survives.
 */
@ApplicationScoped
public class TenantProvisioning {

  private static final Logger LOG = Logger.getLogger(TenantProvisioning.class.getName());
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  /** A fresh id per JVM start: recovery tells this life's in-flight work from a dead one's. */
  static final String BOOT_ID = UUID.randomUUID().toString();

  @Inject TenantRegistry registry;
  @Inject TenantStorage storage;
  @Inject KeycloakDirectory keycloak;
  @Inject PlatformSettings settings;

  private DataKeyCipher cipher;

  @jakarta.annotation.PostConstruct
  void init() {
    cipher = new DataKeyCipher(settings.masterKey());
  }

  /** Validates a request and returns the plan it names; 400 with every problem otherwise. */
  public Plan validate(NewTenant request) {
    if (request == null) {
      throw new ProblemException(
          Problem.badRequest("Send a JSON body with slug, name and" + " adminEmail."));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (!TenantSlug.isValid(request.slug())) {
      errors.put("slug", TenantSlug.RULE);
    }
    if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
      errors.put("name", "a name is 1 to 200 characters");
    }
    if (request.adminEmail() == null || !EMAIL.matcher(request.adminEmail().trim()).matches()) {
      errors.put("adminEmail", "a valid e-mail address is required for the first tenant admin");
    }
    Plan plan =
        request.plan() == null ? Plan.STARTER : Plan.fromWireName(request.plan()).orElse(null);
    if (plan == null) {
      errors.put("plan", "a plan is one of starter, business, enterprise");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return plan;
  }

  @Timed(
      name = "millwright.tenant.provisioning",
      absolute = true,
      description = "Time to provision a tenant, including failed and rolled-back attempts")
  public ProvisionedTenant provision(NewTenant request, Caller caller, RequestContext ctx) {
    Plan plan = validate(request);
    String slug = request.slug();
    String email = request.adminEmail().trim().toLowerCase();
    TenantId id = TenantId.random();
    Tenant tenant =
        Tenant.beginProvisioning(
            id, slug, request.name().trim(), plan, email, settings.nodeId(), BOOT_ID);
    try {
      registry.beginProvisioning(
          tenant,
          cipher.newWrappedDataKey(id),
          AuditEvent.success(
              caller, "tenant.provisioning.started", slug, ctx, Map.of("tenantId", id.toString())));
    } catch (SlugTakenException e) {
      throw new ProblemException(
          Problem.of(
              409,
              "slug-taken",
              "Slug taken",
              "A tenant with slug '" + slug + "' already exists. Choose another slug."));
    } catch (ProvisioningUnderwayException e) {
      throw new ProblemException(
          Problem.of(
                  503,
                  "provisioning-underway",
                  "Provisioning underway",
                  "An earlier attempt to provision '"
                      + slug
                      + "' is still running or being rolled"
                      + " back. Retry in a minute.")
              .with("retryable", true));
    }

    String organizationId = null;
    KeycloakDirectory.Account account = null;
    try {
      storage.create(id);
      organizationId = keycloak.createOrganization(slug, tenant.name());
      account = keycloak.ensureAccount(email);
      keycloak.addMember(organizationId, account.userId());
      Tenant active =
          registry.activate(
              id,
              organizationId,
              new TenantMember(
                  id,
                  account.userId(),
                  email,
                  Set.of(TenantRole.TENANT_ADMIN),
                  caller.displayName()),
              AuditEvent.success(
                  caller,
                  "tenant.create",
                  slug,
                  ctx,
                  Map.of("tenantId", id.toString(), "plan", plan.wireName(), "adminEmail", email)),
              AuditEvent.success(
                  caller,
                  "tenant.provisioned",
                  slug,
                  ctx,
                  Map.of("plan", plan.wireName(), "firstAdmin", email)));
      return new ProvisionedTenant(
          active, account.userId(), account.created(), account.temporaryPassword());
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "Provisioning of tenant '" + slug + "' failed; compensating", failure);
      boolean rolledBack =
          compensate(
              tenant,
              organizationId,
              account,
              AuditEvent.failure(
                  caller,
                  "tenant.create",
                  slug,
                  ctx,
                  Map.of("reason", auditableReason(failure), "compensation", "rolled-back")));
      throw new ProblemException(failedProblem(slug, failure, rolledBack));
    }
  }

  private static Problem failedProblem(String slug, RuntimeException failure, boolean rolledBack) {
    String cause =
        failure instanceof KeycloakUnavailableException
            ? "The identity provider (Keycloak) is not answering. "
            : "A provisioning step failed. ";
    if (rolledBack) {
      return Problem.of(
              503,
              "provisioning-rolled-back",
              "Provisioning failed and was rolled back",
              cause
                  + "Nothing of tenant '"
                  + slug
                  + "' was kept; it is safe to retry the same"
                  + " request (with the same Idempotency-Key).")
          .with("provisioning", "rolled-back")
          .with("retryable", true);
    }
    return Problem.of(
            503,
            "provisioning-rollback-pending",
            "Provisioning failed; its rollback will finish automatically",
            cause
                + "Tenant '"
                + slug
                + "' is not usable and is removed as soon as Keycloak answers again;"
                + " retry the same request in a minute.")
        .with("provisioning", "rollback-pending")
        .with("retryable", true);
  }

  /**
   * Undoes the provisioning steps that are done, newest first. The registry row is removed only
   * after the external resources are gone; if Keycloak cannot be cleaned now, the row is marked for
   * {@link ProvisioningRecovery}, which retries on every pass.
   *
   * @return true when everything was undone now
   */
  boolean compensate(
      Tenant tenant, String organizationId, KeycloakDirectory.Account account, AuditEvent audit) {
    boolean external = true;
    try {
      String org =
          organizationId != null
              ? organizationId
              : keycloak.findOrganizationId(tenant.slug()).orElse(null);
      if (org != null) {
        keycloak.deleteOrganization(org);
      }
      if (account != null && account.created()) {
        keycloak.deleteUser(account.userId());
      } else if (account == null) {
        deleteOrphanAccount(tenant);
      }
    } catch (RuntimeException e) {
      external = false;
      LOG.log(
          Level.WARNING,
          "Keycloak clean-up of tenant '"
              + tenant.slug()
              + "' incomplete;"
              + " recovery will retry",
          e);
    }
    try {
      storage.destroy(tenant.id());
      if (external) {
        registry.discardProvisioning(tenant.id(), audit);
        return true;
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Clean-up of tenant '" + tenant.slug() + "' incomplete; recovery" + " will retry",
          e);
    }
    try {
      registry.markRollbackPending(tenant.id(), audit);
    } catch (RuntimeException e) {
      // The row stays PROVISIONING; the staleness rule of the recovery pass takes it.
      LOG.log(Level.WARNING, "Could not hand tenant '" + tenant.slug() + "' to recovery", e);
    }
    return false;
  }

  /** What the audit trail keeps of a failure: its kind and a short message, never a body dump. */
  static String auditableReason(Throwable failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    message = message.replaceAll("\\s+", " ");
    if (message.length() > 160) {
      message = message.substring(0, 160) + "…";
    }
    return failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  /**
   * After an interruption we do not know whether we created the admin's account: an account made
   * after the tenant row, and in no organization, can only be ours.
   */
  void deleteOrphanAccount(Tenant tenant) {
    keycloak
        .findUserByEmail(tenant.adminEmail())
        .filter(u -> !u.createdAt().isBefore(tenant.createdAt().minusSeconds(1)))
        .filter(u -> keycloak.organizationCount(u.id()) == 0)
        .ifPresent(u -> keycloak.deleteUser(u.id()));
  }
}
