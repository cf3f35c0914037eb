package io.millwright.server.members;

import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's members, managed by its tenant-admins. */
@Path("tenants/{slug}/members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MembersResource {

  /** Body of an invitation. */
  public record Invitation(String email, List<String> roles) {}

  /** Body of a role change. */
  public record RoleChange(List<String> roles) {}

  @Inject MemberAdministration members;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @TenantRoles({TenantRole.TENANT_ADMIN, TenantRole.AUDITOR})
  @Operation(summary = "List the tenant's members and their roles.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of(
        "items",
        members.list(context.requireTenant()).stream().map(MembersResource::json).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(
      summary =
          "Add a person by e-mail; creates their account (temporary password,"
              + " shown once) if they have none.")
  public Response add(@PathParam("slug") String slug, Invitation invitation) {
    MemberAdministration.Invited invited =
        members.invite(
            context.requireTenant(),
            invitation == null ? null : invitation.email(),
            invitation == null ? null : invitation.roles(),
            context.requireCaller(),
            context);
    Map<String, Object> body = json(invited.member());
    if (invited.temporaryPassword() != null) {
      body.put("temporaryPassword", invited.temporaryPassword());
    }
    return Response.created(uri.getAbsolutePathBuilder().path(invited.member().userId()).build())
        .entity(body)
        .build();
  }

  @PUT
  @Path("{userId}/roles")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(summary = "Replace a member's roles (a tenant keeps at least one tenant-admin).")
  public Map<String, Object> changeRoles(
      @PathParam("slug") String slug, @PathParam("userId") String userId, RoleChange change) {
    return json(
        members.changeRoles(
            context.requireTenant(),
            userId,
            change == null ? null : change.roles(),
            context.requireCaller(),
            context));
  }

  @DELETE
  @Path("{userId}")
  @TenantRoles(TenantRole.TENANT_ADMIN)
  @Operation(summary = "Remove a member from the tenant (their account stays).")
  public Response remove(@PathParam("slug") String slug, @PathParam("userId") String userId) {
    members.remove(context.requireTenant(), userId, context.requireCaller(), context);
    return Response.noContent().build();
  }

  private static Map<String, Object> json(TenantMember m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userId", m.userId());
    body.put("email", m.email());
    body.put("roles", MemberAdministration.wire(m.roles()));
    body.put("addedAt", m.addedAt().toString());
    body.put("addedBy", m.addedBy());
    return body;
  }
}
