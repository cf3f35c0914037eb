package io.millwright.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The machine's PostgreSQL as a source for connections: database {@code test}, user {@code
 * postgres} without a password (trust on the loopback). Journeys make tables with the run's suffix
 * and drop them afterwards.
 */
final class SourceDb {

  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";

  private SourceDb() {}

  static void exec(String... statements) {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + URL + ": " + e.getMessage(), e);
    }
  }

  /**
   * A table of orders with a timestamp watermark: {@code rows} rows, ids 1..rows, each updated a
   * minute and a second after the one before.
   */
  static void createOrders(String table, int rows) {
    exec(
        "drop table if exists " + table,
        "create table "
            + table
            + " (id bigint primary key, site text not null, amount numeric(10,2) not null,"
            + " updated_at timestamp not null)",
        "insert into "
            + table
            + " select g, case when g % 2 = 0 then 'North' else 'South' end, g * 1.25,"
            + " timestamp '2026-11-01 08:00:00' + g * interval '61 seconds'"
            + " from generate_series(1, "
            + rows
            + ") g");
  }

  static void drop(String table) {
    exec("drop table if exists " + table);
  }
}
