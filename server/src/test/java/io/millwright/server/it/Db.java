package io.millwright.server.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct connections to the platform database, as the superuser or as the application role. */
final class Db {

  private Db() {}

  static Connection superuser() throws SQLException {
    return DriverManager.getConnection(
        Env.jdbcUrl(), Env.get("MILLWRIGHT_DB_SUPERUSER", "postgres"), System.getenv("PGPASSWORD"));
  }

  static Connection appRole() throws SQLException {
    return DriverManager.getConnection(
        Env.jdbcUrl(),
        Env.get("MILLWRIGHT_DB_APP_USER", "millwright_app"),
        Env.get("MILLWRIGHT_DB_PASSWORD", "millwright"));
  }

  static long count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long superuserCount(String sql, Object... params) {
    try (Connection c = superuser()) {
      return count(c, sql, params);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs one statement as the superuser (what a test plays: another node, a crash). */
  static int superuserUpdate(String sql, Object... params) {
    try (Connection c = superuser();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
