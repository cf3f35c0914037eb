package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.ConnectorException.Kind;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a driver's SQLException into what the host acts on, by SQLState class: 28 (authorization)
 * and 42 (syntax, unknown table or column), 3D (unknown database) and friends need a configuration
 * change; 08 (connection) and timeouts are worth retrying.
 */
final class SqlErrors {

  private SqlErrors() {}

  static ConnectorException map(SQLException e, String doing, JdbcSettings settings) {
    String state = state(e);
    Kind kind = kind(e, state);
    String text = Redact.message(e.getMessage(), settings.password());
    String hint = hint(e, state, settings);
    String message = doing + ": " + text + (hint == null ? "" : " (" + hint + ")");
    Throwable cause = Redact.leaks(e, settings.password()) ? null : e;
    return new ConnectorException(kind, message, cause);
  }

  static Kind kind(SQLException e, String state) {
    if (isTimeout(e, state)) {
      return Kind.UNAVAILABLE;
    }
    if (state != null && state.length() >= 2) {
      switch (state.substring(0, 2)) {
        case "28", "42", "3D", "3F", "0A", "22", "2B", "44" -> {
          return Kind.CONFIGURATION;
        }
        case "08", "40", "53", "57", "58", "HY" -> {
          return Kind.UNAVAILABLE;
        }
        default -> {}
      }
    }
    if (e instanceof SQLInvalidAuthorizationSpecException || e instanceof SQLSyntaxErrorException) {
      return Kind.CONFIGURATION;
    }
    return Kind.UNAVAILABLE;
  }

  /**
   * Whether the connection itself broke, so a new one may succeed where this one failed: SQLState
   * class 08, or PostgreSQL's 57P01-57P03 (the backend was terminated or the server is restarting).
   */
  static boolean isConnectionLost(SQLException e) {
    String state = state(e);
    return (state != null && (state.startsWith("08") || state.startsWith("57P")))
        || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException
        || e instanceof SQLRecoverableException;
  }

  private static boolean isTimeout(SQLException e, String state) {
    return e instanceof SQLTimeoutException
        || "57014".equals(state) // PostgreSQL: canceling statement due to statement timeout
        || "70100".equals(state) // MariaDB: query execution was interrupted
        || "HYT00".equals(state)
        || "HYT01".equals(state);
  }

  private static String hint(SQLException e, String state, JdbcSettings settings) {
    if (isTimeout(e, state)) {
      return "the query ran longer than the query timeout of " + settings.queryTimeout();
    }
    if (state == null) {
      return null;
    }
    if (state.startsWith("28")) {
      return "check the user and password";
    }
    if (state.startsWith("3D") || state.equals("42000") && mentions(e, "database")) {
      return "check the database name in the URL";
    }
    if (state.startsWith("42")) {
      return "check the table or query, the watermark column and the key columns";
    }
    if (state.startsWith("08")) {
      return "check the host and port, and that the database is running";
    }
    return null;
  }

  private static boolean mentions(SQLException e, String word) {
    return e.getMessage() != null
        && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(word);
  }

  /** The first SQLState in the chain: drivers wrap the server's error in their own. */
  static String state(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
