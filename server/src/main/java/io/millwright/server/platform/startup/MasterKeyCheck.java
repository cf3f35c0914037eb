package io.millwright.server.platform.startup;

import io.millwright.server.platform.config.MisconfigurationException;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.DataKeyCipher;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Refuses to start with a master key that does not open the tenant keys already stored: with the
 * wrong key the platform would run, then fail on every tenant's data.
 */
@ApplicationScoped
public class MasterKeyCheck {

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  @Inject PlatformSettings settings;

  public void requireKeyOpensStoredTenantKeys() {
    DataKeyCipher cipher = new DataKeyCipher(settings.masterKey());
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        DatabaseScope.enterPlatform(c);
        UUID sample = null;
        try (PreparedStatement s =
                c.prepareStatement(
                    "select id from tenant where status in"
                        + " ('ACTIVE', 'SUSPENDED', 'DELETED') order by created_at limit 1");
            ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            sample = rs.getObject(1, UUID.class);
          }
        }
        if (sample != null) {
          TenantId tenant = new TenantId(sample);
          DatabaseScope.enterTenant(c, tenant);
          try (PreparedStatement s =
              c.prepareStatement("select wrapped_key from tenant_key where tenant_id = ?")) {
            s.setObject(1, sample);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                try {
                  cipher.unwrap(tenant, rs.getBytes(1));
                } catch (IllegalArgumentException e) {
                  throw new MisconfigurationException(
                      PlatformSettings.MASTER_KEY,
                      "does not open the tenant data keys stored in this database: it is not the"
                          + " master key they were made with");
                }
              }
            }
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the master key: " + e.getMessage(), e);
    }
  }
}
