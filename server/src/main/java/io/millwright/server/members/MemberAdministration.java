package io.millwright.server.members;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import io.millwright.server.tenants.keycloak.KeycloakUnavailableException;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Invites, re-roles and removes members of a tenant, keeping PostgreSQL (the authority) and the
 * Keycloak organization (the mirror) together; used by the REST API and the console alike. The
 * caller has been admitted to the tenant already; every change is audited.
 */
@ApplicationScoped
public class MemberAdministration {

  private static final Logger LOG = Logger.getLogger(MemberAdministration.class.getName());
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  /** A new membership and, when an account was made for it, its one-time password. */
  public record Invited(TenantMember member, String temporaryPassword) {}

  @Inject Memberships memberships;
  @Inject TenantRegistry registry;
  @Inject KeycloakDirectory keycloak;

  public List<TenantMember> list(TenantAccess tenant) {
    return memberships.list(tenant.tenantId());
  }

  public Invited invite(
      TenantAccess tenant,
      String rawEmail,
      Collection<String> roleNames,
      Caller caller,
      RequestContext context) {
    if (rawEmail == null || !EMAIL.matcher(rawEmail.trim()).matches()) {
      throw new ProblemException(
          Problem.badRequest("email: a valid e-mail address is required")
              .with("errors", Map.of("email", "a valid e-mail address is required")));
    }
    Set<TenantRole> roles = roles(roleNames);
    String email = rawEmail.trim().toLowerCase();
    if (memberships.findByEmail(tenant.tenantId(), email).isPresent()) {
      throw new ProblemException(
          Problem.conflict(email + " is already a member; change their roles instead."));
    }
    String organization = registry.findLive(tenant.slug()).orElseThrow().keycloakOrgId();
    KeycloakDirectory.Account account;
    try {
      account = keycloak.ensureAccount(email);
    } catch (KeycloakUnavailableException e) {
      throw unavailable();
    }
    try {
      keycloak.addMember(organization, account.userId());
    } catch (RuntimeException e) {
      // An account made for this invitation, whose password nobody saw, must not stay behind.
      undoAccount(organization, account);
      throw e instanceof KeycloakUnavailableException ? unavailable() : e;
    }
    try {
      TenantMember member =
          memberships.add(
              new TenantMember(
                  tenant.tenantId(), account.userId(), email, roles, caller.displayName()),
              AuditEvent.success(
                  caller,
                  "member.add",
                  email,
                  context,
                  Map.of(
                      "userId",
                      account.userId(),
                      "roles",
                      wire(roles),
                      "accountCreated",
                      account.created())));
      return new Invited(member, account.temporaryPassword());
    } catch (RuntimeException e) {
      // The row did not commit: undo the Keycloak side so the two do not drift apart.
      undoAccount(organization, account);
      throw e;
    }
  }

  public TenantMember changeRoles(
      TenantAccess tenant,
      String userId,
      Collection<String> roleNames,
      Caller caller,
      RequestContext context) {
    Set<TenantRole> roles = roles(roleNames);
    try {
      return memberships.changeRoles(
          tenant.tenantId(),
          userId,
          roles,
          AuditEvent.success(
              caller, "member.roles.change", userId, context, Map.of("roles", wire(roles))));
    } catch (Memberships.MemberNotFoundException e) {
      throw new ProblemException(Problem.notFound("No member '" + userId + "' in this tenant."));
    } catch (Memberships.LastAdminException e) {
      throw new ProblemException(
          Problem.conflict(
              "That would leave the tenant without a"
                  + " tenant-admin. Make someone else tenant-admin first."));
    }
  }

  public void remove(TenantAccess tenant, String userId, Caller caller, RequestContext context) {
    TenantMember removed;
    try {
      removed =
          memberships.remove(
              tenant.tenantId(),
              userId,
              AuditEvent.success(caller, "member.remove", userId, context, Map.of()));
    } catch (Memberships.MemberNotFoundException e) {
      throw new ProblemException(Problem.notFound("No member '" + userId + "' in this tenant."));
    } catch (Memberships.LastAdminException e) {
      throw new ProblemException(Problem.conflict("The last tenant-admin cannot be removed."));
    }
    try {
      keycloak.removeMember(
          registry.findLive(tenant.slug()).orElseThrow().keycloakOrgId(), removed.userId());
    } catch (RuntimeException e) {
      // Access is already gone: the database is the authority. The organization keeps a stale
      // membership that only affects the sign-in organization list; logged for the operator.
      LOG.log(Level.WARNING, "Member removed, but Keycloak organization membership remains", e);
    }
  }

  private static ProblemException unavailable() {
    return new ProblemException(
        Problem.of(
            503,
            "identity-unavailable",
            "Identity provider unavailable",
            "Keycloak is not answering; nobody was added. Retry" + " shortly."));
  }

  private void undoAccount(String organization, KeycloakDirectory.Account account) {
    try {
      keycloak.removeMember(organization, account.userId());
      if (account.created()) {
        keycloak.deleteUser(account.userId());
      }
    } catch (RuntimeException cleanup) {
      LOG.log(Level.WARNING, "Could not undo Keycloak membership of " + account.userId(), cleanup);
    }
  }

  /** Parses role names; 400 naming the unknown one. */
  public static Set<TenantRole> roles(Collection<String> names) {
    String known = wire(EnumSet.allOf(TenantRole.class)).toString();
    if (names == null || names.isEmpty()) {
      throw new ProblemException(
          Problem.badRequest("roles: give at least one of " + known)
              .with("errors", Map.of("roles", "give at least one role")));
    }
    EnumSet<TenantRole> roles = EnumSet.noneOf(TenantRole.class);
    for (String name : names) {
      roles.add(
          TenantRole.fromWireName(name)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          Problem.badRequest(
                              "roles: '" + name + "' is not a role; roles are " + known))));
    }
    return roles;
  }

  public static List<String> wire(Set<TenantRole> roles) {
    return roles.stream().map(TenantRole::wireName).sorted().toList();
  }
}
