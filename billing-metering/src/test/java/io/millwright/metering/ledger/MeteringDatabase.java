package io.millwright.metering.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL database holding only this module's migrations, set up the way the platform
 * runs: tables owned by {@code millwright_owner}, the application logged in as {@code
 * millwright_app} (no superuser, no RLS bypass).
 *
 * <p>Finds the server through the system properties {@code millwright.db.host} and {@code
 * millwright.db.port} (default 127.0.0.1:5432) and logs in as superuser {@code postgres} with trust
 * authentication to create the database and, if missing, the roles.
 */
final class MeteringDatabase {

  static final String NAME = "millwright_metering_it";
  static final String OWNER = "millwright_owner";
  static final String APP = "millwright_app";

  private final String host = System.getProperty("millwright.db.host", "127.0.0.1");
  private final String port = System.getProperty("millwright.db.port", "5432");

  /** Drops and recreates the database, then migrates it as the owner. */
  static MeteringDatabase createFresh() throws SQLException {
    MeteringDatabase database = new MeteringDatabase();
    database.recreate();
    database.migrate();
    return database;
  }

  private void recreate() throws SQLException {
    try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement sql = admin.createStatement()) {
      sql.execute("drop database if exists " + NAME + " with (force)");
      sql.execute(
          """
          do $$
          begin
            if not exists (select from pg_roles where rolname = '%1$s') then
              create role %1$s login;
            end if;
            if not exists (select from pg_roles where rolname = '%2$s') then
              create role %2$s login nosuperuser nobypassrls;
            end if;
          end
          $$
          """
              .formatted(OWNER, APP));
      try (ResultSet app =
          sql.executeQuery(
              "select rolsuper or rolbypassrls from pg_roles where rolname = '" + APP + "'")) {
        app.next();
        if (app.getBoolean(1)) {
          throw new IllegalStateException(
              "role "
                  + APP
                  + " exists but is a superuser or bypasses RLS: the isolation tests would prove"
                  + " nothing. Fix it with: alter role "
                  + APP
                  + " nosuperuser nobypassrls");
        }
      }
      sql.execute("create database " + NAME + " owner " + OWNER);
    }
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(url(NAME), OWNER, "")
        .locations("classpath:db/migration")
        .placeholders(Map.of("app_role", APP))
        .load()
        .migrate();
  }

  /** A connection as the application role, auto-commit off: the test owns the transaction. */
  Connection connectAsApp() throws SQLException {
    return connect(APP, false);
  }

  /** A connection as the owner, auto-commit off. */
  Connection connectAsOwner() throws SQLException {
    return connect(OWNER, false);
  }

  Connection connect(String user, boolean autoCommit) throws SQLException {
    Connection connection = DriverManager.getConnection(url(NAME), user, "");
    connection.setAutoCommit(autoCommit);
    return connection;
  }

  /** A connection as the application role with extra driver properties (for the benchmark). */
  Connection connectAsApp(Map<String, String> driverProperties) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", APP);
    properties.setProperty("password", "");
    properties.putAll(driverProperties);
    Connection connection = DriverManager.getConnection(url(NAME), properties);
    connection.setAutoCommit(false);
    return connection;
  }

  String url(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }
}
