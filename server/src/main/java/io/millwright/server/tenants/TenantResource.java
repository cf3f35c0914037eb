package io.millwright.server.tenants;

import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What a member sees of their tenant. */
@Path("tenants/{slug}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

  @Inject RequestContext context;

  @GET
  @TenantRoles
  @Operation(summary = "The tenant you act in and your roles there.")
  public Map<String, Object> get(@PathParam("slug") String slug) {
    TenantAccess access = context.requireTenant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", access.tenantId().toString());
    body.put("slug", access.slug());
    body.put("roles", access.roles().stream().map(TenantRole::wireName).sorted().toList());
    return body;
  }
}
