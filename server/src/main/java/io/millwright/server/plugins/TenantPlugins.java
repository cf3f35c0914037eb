package io.millwright.server.plugins;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Which plugins each tenant may use (table tenant_plugin). Without a row, the plugins shipped with
 * Millwright are allowed and plugins installed later are not: a partner's code reaches a tenant
 * only when a platform admin says so.
 */
@ApplicationScoped
@Transactional
public class TenantPlugins {

  @Inject DatabaseScope scope;

  /** The tenant's explicit choices, by plugin id. */
  public Map<String, Boolean> choices(TenantId tenant) {
    scope.enterTenant(tenant);
    Map<String, Boolean> found = new HashMap<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select plugin_id, enabled from tenant_plugin where tenant_id = ?")) {
            s.setObject(1, tenant.value());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.put(rs.getString(1), rs.getBoolean(2));
              }
            }
          }
        });
    return found;
  }

  public static boolean allowed(Map<String, Boolean> choices, String pluginId, boolean bundled) {
    return choices.getOrDefault(pluginId, bundled);
  }

  public void choose(TenantId tenant, String pluginId, boolean enabled, String actor) {
    scope.enterPlatform();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into tenant_plugin (tenant_id, plugin_id, enabled, changed_by)"
                      + " values (?, ?, ?, ?) on conflict (tenant_id, plugin_id) do update set"
                      + " enabled = excluded.enabled, changed_by = excluded.changed_by,"
                      + " changed_at = now()")) {
            s.setObject(1, tenant.value());
            s.setString(2, pluginId);
            s.setBoolean(3, enabled);
            s.setString(4, actor);
            s.executeUpdate();
          }
        });
  }
}
