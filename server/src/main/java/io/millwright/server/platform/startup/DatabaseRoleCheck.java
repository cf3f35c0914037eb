package io.millwright.server.platform.startup;

import io.millwright.server.platform.config.MisconfigurationException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Refuses to start when the application's pool logs in as a role that could step over row-level
 * security (a superuser, a BYPASSRLS role, or the owner of the tables): the second wall would be
 * silently gone.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  public void requireRestrictedApplicationRole() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select r.rolname, r.rolsuper, r.rolbypassrls,"
                    + " exists (select 1 from pg_tables t where t.schemaname = 'public'"
                    + " and t.tableowner = r.rolname) from pg_roles r where r.rolname = current_user")) {
      rs.next();
      if (rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4)) {
        throw new MisconfigurationException(
            "millwright.db.app-user",
            "names role '"
                + rs.getString(1)
                + "', which is a superuser, may bypass row-level security or owns"
                + " tables; the application must connect as a role that owns nothing and is"
                + " NOSUPERUSER NOBYPASSRLS (see ops/millwright db-init)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Millwright cannot start: the database is not reachable as"
              + " the application role (settings MILLWRIGHT_DB_*): "
              + e.getMessage(),
          e);
    }
  }
}
