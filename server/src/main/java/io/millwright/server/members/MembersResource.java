package io.millwright.server.members;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.security.TenantRoles;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import io.millwright.server.tenants.keycloak.KeycloakUnavailableException;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's members, managed by its tenant-admins. */
@Path("tenants/{slug}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MembersResource {

  private static final Logger LOG = Logger.getLogger(MembersResource.class.getName());

  /** Body of an invitation. */
  public record Invitation(String email, List<String> roles) {}

  /** Body of a role change. */
  public record RoleChange(List<String> roles) {}

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  @Inject Memberships memberships;
  @Inject TenantRegistry registry;
  @Inject KeycloakDirectory keycloak;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @TenantRoles({TenantRole.TENANT_ADMIN, TenantRole.AUDITOR})
  @Operation(summary = "List the tenant's members and their roles.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    TenantAccess tenant = context.requireTenant();
    return Map.of(
        "items", memberships.list(tenant.tenantId()).stream().map(MembersResource::json).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(
      summary =
          "Add a person by e-mail; creates their account (temporary password,"
              + " shown once) if they have none.")
  public Response add(@PathParam("slug") String slug, Invitation invitation) {
    TenantAccess tenant = context.requireTenant();
    Caller caller = context.requireCaller();
    if (invitation == null
        || invitation.email() == null
        || !EMAIL.matcher(invitation.email().trim()).matches()) {
      throw new ProblemException(Problem.badRequest("email: a valid e-mail address is required"));
    }
    Set<TenantRole> roles = roles(invitation.roles());
    String email = invitation.email().trim().toLowerCase();
    if (memberships.findByEmail(tenant.tenantId(), email).isPresent()) {
      throw new ProblemException(
          Problem.conflict(email + " is already a member; change their" + " roles instead."));
    }
    String organization = registry.findLive(slug).orElseThrow().keycloakOrgId();
    KeycloakDirectory.Account account;
    try {
      account = keycloak.ensureAccount(email);
      keycloak.addMember(organization, account.userId());
    } catch (KeycloakUnavailableException e) {
      throw new ProblemException(
          Problem.of(
              503,
              "identity-unavailable",
              "Identity provider unavailable",
              "Keycloak is not answering; nobody was added. Retry" + " shortly."));
    }
    TenantMember member;
    try {
      member =
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
    } catch (RuntimeException e) {
      // The row did not commit: undo the Keycloak side so the two do not drift apart.
      undoAccount(organization, account);
      throw e;
    }
    Map<String, Object> body = json(member);
    if (account.temporaryPassword() != null) {
      body.put("temporaryPassword", account.temporaryPassword());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(member.userId()).build())
        .entity(body)
        .build();
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

  @PUT
  @Path("{userId}/roles")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(summary = "Replace a member's roles (a tenant keeps at least one tenant-admin).")
  public Map<String, Object> changeRoles(
      @PathParam("slug") String slug, @PathParam("userId") String userId, RoleChange change) {
    TenantAccess tenant = context.requireTenant();
    Set<TenantRole> roles = roles(change == null ? null : change.roles());
    try {
      return json(
          memberships.changeRoles(
              tenant.tenantId(),
              userId,
              roles,
              AuditEvent.success(
                  context.requireCaller(),
                  "member.roles.change",
                  userId,
                  context,
                  Map.of("roles", wire(roles)))));
    } catch (Memberships.MemberNotFoundException e) {
      throw new ProblemException(Problem.notFound("No member '" + userId + "' in this tenant."));
    } catch (Memberships.LastAdminException e) {
      throw new ProblemException(
          Problem.conflict(
              "That would leave the tenant without a"
                  + " tenant-admin. Make someone else tenant-admin first."));
    }
  }

  @DELETE
  @Path("{userId}")
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(summary = "Remove a member from the tenant (their account stays).")
  public Response remove(@PathParam("slug") String slug, @PathParam("userId") String userId) {
    TenantAccess tenant = context.requireTenant();
    TenantMember removed;
    try {
      removed =
          memberships.remove(
              tenant.tenantId(),
              userId,
              AuditEvent.success(
                  context.requireCaller(), "member.remove", userId, context, Map.of()));
    } catch (Memberships.MemberNotFoundException e) {
      throw new ProblemException(Problem.notFound("No member '" + userId + "' in this tenant."));
    } catch (Memberships.LastAdminException e) {
      throw new ProblemException(Problem.conflict("The last tenant-admin cannot be removed."));
    }
    try {
      keycloak.removeMember(
          registry.findLive(slug).orElseThrow().keycloakOrgId(), removed.userId());
    } catch (RuntimeException e) {
      // Access is already gone: the database is the authority. The organization keeps a stale
      // membership that only affects the sign-in organization list; logged for the operator.
      LOG.log(Level.WARNING, "Member removed, but Keycloak organization membership remains", e);
    }
    return Response.noContent().build();
  }

  private static Set<TenantRole> roles(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new ProblemException(
          Problem.badRequest(
              "roles: give at least one of " + wire(EnumSet.allOf(TenantRole.class))));
    }
    EnumSet<TenantRole> roles = EnumSet.noneOf(TenantRole.class);
    for (String name : names) {
      roles.add(
          TenantRole.fromWireName(name)
              .orElseThrow(
                  () ->
                      new ProblemException(
                          Problem.badRequest(
                              "roles: '"
                                  + name
                                  + "' is not a role; roles are "
                                  + wire(EnumSet.allOf(TenantRole.class))))));
    }
    return roles;
  }

  private static List<String> wire(Set<TenantRole> roles) {
    return roles.stream().map(TenantRole::wireName).sorted().toList();
  }

  private static Map<String, Object> json(TenantMember m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", m.userId());
    body.put("email", m.email());
    body.put("roles", wire(m.roles()));
    body.put("addedAt", m.addedAt().toString());
    body.put("addedBy", m.addedBy());
    return body;
  }
}
