package io.millwright.server.plugins;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Platform admins' changes to the installed plugins, each stored with its audit entry (on the
 * platform's chain) in one transaction. Loading follows in {@link PluginHost#sync()}.
 */
@ApplicationScoped
@Transactional
public class PluginChanges {

  @Inject InstalledPlugins installed;
  @Inject TenantPlugins tenantPlugins;
  @Inject AuditTrail audit;

  public void save(
      PluginArchive archive, String signedBy, String action, Caller caller, RequestContext ctx) {
    installed.save(archive, signedBy, caller.displayName());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", archive.manifest().version());
    details.put("requires", archive.manifest().requires());
    details.put("sha256", archive.sha256());
    details.put("signedBy", signedBy);
    audit.append(
        TenantId.PLATFORM,
        AuditEvent.success(caller, action, archive.manifest().id(), ctx, details));
  }

  public boolean isInstalled(String id) {
    return installed.find(id).isPresent();
  }

  public boolean setEnabled(String id, boolean enabled, Caller caller, RequestContext ctx) {
    boolean found = installed.setEnabled(id, enabled);
    if (found) {
      audit.append(
          TenantId.PLATFORM,
          AuditEvent.success(
              caller, enabled ? "plugin.enable" : "plugin.disable", id, ctx, Map.of()));
    }
    return found;
  }

  public boolean delete(String id, Caller caller, RequestContext ctx) {
    boolean found = installed.delete(id);
    if (found) {
      audit.append(
          TenantId.PLATFORM, AuditEvent.success(caller, "plugin.uninstall", id, ctx, Map.of()));
    }
    return found;
  }

  /** Removes a row written by an install whose plugin then failed to load (no audit: undone). */
  public void undoInstall(String id) {
    installed.delete(id);
  }

  public void chooseForTenant(
      TenantId tenant, String pluginId, boolean enabled, Caller caller, RequestContext ctx) {
    tenantPlugins.choose(tenant, pluginId, enabled, caller.displayName());
    audit.append(
        tenant,
        AuditEvent.success(
            caller,
            enabled ? "plugin.tenant.enable" : "plugin.tenant.disable",
            pluginId,
            ctx,
            Map.of()));
  }
}
