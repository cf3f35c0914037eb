package io.millwright.server.audit;

import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's audit chain, for its auditors and tenant-admins. */
@Path("tenants/{slug}/audit")
@RequestScoped
public class TenantAuditResource {

  @Inject AuditHttp http;
  @Inject AuditReader reader;
  @Inject RequestContext context;

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @TenantRoles({TenantRole.AUDITOR, TenantRole.TENANT_ADMIN})
  @Operation(summary = "List a tenant's audit entries, newest first (JSON pages or CSV).")
  public Response entries(@PathParam("slug") String slug, @BeanParam AuditListParams query) {
    return http.entries(context.requireTenant().tenantId(), query);
  }

  @GET
  @Path("verify")
  @Produces(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.AUDITOR, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Recompute the tenant's audit chain and name the first broken entry.")
  public AuditVerdict verify(@PathParam("slug") String slug) {
    return reader.verify(context.requireTenant().tenantId());
  }
}
