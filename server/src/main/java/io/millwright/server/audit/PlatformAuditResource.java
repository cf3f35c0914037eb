package io.millwright.server.audit;

import io.millwright.server.security.PlatformAdminOnly;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The platform's own audit chain (provisioning, denials outside any tenant), for admins. */
@Path("admin/audit")
@RequestScoped
@PlatformAdminOnly
public class PlatformAuditResource {

  @Inject AuditHttp http;
  @Inject AuditReader reader;

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  @Operation(summary = "List the platform's own audit entries, newest first.")
  public Response entries(@BeanParam AuditListParams query) {
    return http.entries(TenantId.PLATFORM, query);
  }

  @GET
  @Path("verify")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Recompute the platform's audit chain.")
  public AuditVerdict verify() {
    return reader.verify(TenantId.PLATFORM);
  }
}
