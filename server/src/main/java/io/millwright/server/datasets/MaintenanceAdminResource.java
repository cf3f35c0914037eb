package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.security.PlatformAdminOnly;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Runs the scheduled dataset maintenance now, for an operator who will not wait for the hour. */
@Path("admin/maintenance")
@RequestScoped
@PlatformAdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceAdminResource {

  @Inject ScheduledMaintenance maintenance;
  @Inject AuditTrail audit;
  @Inject RequestContext context;

  @POST
  @Path("datasets")
  @Operation(
      summary =
          "Run the dataset maintenance pass now (it also runs every"
              + " millwright.datasets.maintenance-interval): expire versions beyond each"
              + " dataset's retention policy and merge small files where a version gathered"
              + " millwright.datasets.compact-min-files of them. Returns what it did.")
  public Map<String, Object> datasets() {
    ScheduledMaintenance.Pass pass = maintenance.runOnce();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tenants", pass.tenants());
    json.put("datasets", pass.datasets());
    json.put("versionsExpired", pass.versionsExpired());
    json.put("filesDeleted", pass.filesDeleted());
    json.put("compacted", pass.compacted());
    json.put("orphansDeleted", pass.orphansDeleted());
    json.put("failed", pass.failed());
    audit.appendInNewTransaction(
        TenantId.PLATFORM,
        AuditEvent.success(
            context.requireCaller(), "maintenance.datasets", "datasets", context, json));
    return json;
  }
}
