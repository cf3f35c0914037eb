package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.ConnectorException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens connections with the drivers bundled in the plugin. {@code DriverManager} only sees drivers
 * of the class loader that loaded the JDK's own classes' callers, not a plugin's, so the drivers
 * are found with a {@link ServiceLoader} on the plugin's class loader and called directly.
 */
final class Connections {

  /** Stateless driver instances, shared by every connection; found once per class loader. */
  private static volatile List<Driver> drivers;

  private Connections() {}

  /** A read-only connection, set up for reading incrementally. */
  static Connection open(JdbcSettings settings) throws ConnectorException {
    String url = settings.dialect().driverUrl(settings.url());
    Driver driver = driverFor(url);
    if (driver == null) {
      throw ConnectorException.configuration(
          "Database URL: no bundled driver accepts "
              + Redact.url(settings.url())
              + "; supported are "
              + Dialect.SUPPORTED);
    }
    Properties props = new Properties();
    if (settings.user() != null) {
      props.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      props.setProperty("password", settings.password());
    }
    if (settings.dialect() == Dialect.POSTGRESQL) {
      props.setProperty("connectTimeout", "10"); // seconds
      props.setProperty("loginTimeout", "20");
      props.setProperty("ApplicationName", "Millwright");
    } else {
      props.setProperty("connectTimeout", "10000"); // milliseconds
    }
    Connection connection;
    try {
      connection = driver.connect(url, props);
    } catch (SQLException e) {
      throw SqlErrors.map(e, "Could not connect to " + Redact.url(settings.url()), settings);
    }
    if (connection == null) {
      throw ConnectorException.configuration(
          "Database URL: the driver refused " + Redact.url(settings.url()));
    }
    try {
      prepare(connection, settings.dialect());
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw SqlErrors.map(
          e, "Could not set up the connection to " + Redact.url(settings.url()), settings);
    }
  }

  private static void prepare(Connection connection, Dialect dialect) throws SQLException {
    connection.setReadOnly(true);
    if (dialect.needsTransactionToStream()) {
      // PostgreSQL streams a result with a cursor only inside a transaction.
      connection.setAutoCommit(false);
    } else {
      try (Statement s = connection.createStatement()) {
        // TIMESTAMP columns in UTC: no value is ambiguous at a daylight-saving change, so the
        // watermark compares the same way the server orders it.
        s.execute("SET time_zone = '+00:00'");
        try {
          s.execute("SET SESSION TRANSACTION READ ONLY");
        } catch (SQLException e) {
          // Older servers: reading does not need it, it is a safety net.
        }
      }
    }
  }

  static Driver driverFor(String url) {
    for (Driver d : drivers()) {
      try {
        if (d.acceptsURL(url)) {
          return d;
        }
      } catch (SQLException e) {
        // A driver that cannot tell does not take the URL.
      }
    }
    return null;
  }

  private static List<Driver> drivers() {
    List<Driver> found = drivers;
    if (found == null) {
      List<Driver> list = new ArrayList<>();
      ServiceLoader<Driver> loader =
          ServiceLoader.load(Driver.class, Connections.class.getClassLoader());
      var it = loader.iterator();
      while (true) {
        try {
          if (!it.hasNext()) {
            break;
          }
          list.add(it.next());
        } catch (ServiceConfigurationError e) {
          // A broken driver elsewhere on the class path must not hide the bundled ones.
        }
      }
      found = List.copyOf(list);
      drivers = found;
      forgetInDriverManager();
    }
    return found;
  }

  /**
   * The drivers register an instance of themselves with {@code DriverManager} when their class is
   * loaded. This plugin never goes through it, and the registration would keep the plugin's class
   * loader (and every class in it) alive after PF4J unloads the plugin, once per upgrade. Only when
   * loaded by a plugin's own class loader: on the application's class path the registration is
   * everyone's.
   */
  private static void forgetInDriverManager() {
    ClassLoader mine = Connections.class.getClassLoader();
    if (mine == null || mine == ClassLoader.getSystemClassLoader()) {
      return;
    }
    for (Driver d : java.util.Collections.list(DriverManager.getDrivers())) {
      if (d.getClass().getClassLoader() == mine) {
        try {
          DriverManager.deregisterDriver(d);
        } catch (SQLException | SecurityException e) {
          // Then it stays registered: a leak on unload, not a failure.
        }
      }
    }
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing is best effort: the connection may be gone already.
      }
    }
  }
}
