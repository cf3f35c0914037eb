package io.millwright.server.platform.persistence;

import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Sets the per-transaction PostgreSQL settings that row-level security reads. The settings are
 * transaction-local ({@code set_config(..., true)}), so they vanish at commit or rollback and can
 * never leak to the next user of a pooled connection. Callers must be inside a transaction.
 */
@ApplicationScoped
public class DatabaseScope {

  @PersistenceContext(unitName = "millwright")
  EntityManager em;

  /** Makes the current transaction see exactly one tenant's rows. */
  public void enterTenant(TenantId tenant) {
    em.unwrap(Session.class).doWork(c -> enterTenant(c, tenant));
  }

  /** Makes the current transaction see the tenant registry (platform administration). */
  public void enterPlatform() {
    em.unwrap(Session.class).doWork(DatabaseScope::enterPlatform);
  }

  /** Runs JDBC work on the connection of the current transaction, e.g. batch inserts. */
  public void withConnection(org.hibernate.jdbc.Work work) {
    em.unwrap(Session.class).doWork(work);
  }

  public static void enterTenant(Connection connection, TenantId tenant) throws SQLException {
    set(connection, "millwright.tenant_id", tenant.toString());
  }

  /** Sets the raw tenant setting; the empty string means "no tenant" (sees no tenant rows). */
  public static void setTenantSetting(Connection connection, String value) throws SQLException {
    set(connection, "millwright.tenant_id", value);
  }

  public static void enterPlatform(Connection connection) throws SQLException {
    set(connection, "millwright.scope", "platform");
  }

  private static void set(Connection connection, String name, String value) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("select set_config(?, ?, true)")) {
      statement.setString(1, name);
      statement.setString(2, value);
      statement.execute();
    }
  }
}
