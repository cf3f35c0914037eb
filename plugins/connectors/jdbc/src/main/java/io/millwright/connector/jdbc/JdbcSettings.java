package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A connection's configuration, checked beyond what the descriptor's types can say: exactly one of
 * table and query, identifiers that cannot smuggle SQL, a key to resume from.
 */
record JdbcSettings(
    String url,
    Dialect dialect,
    String user,
    String password,
    String table,
    String query,
    String watermark,
    List<String> keys,
    int fetchSize,
    Duration queryTimeout) {

  static final String URL = "url";
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String TABLE = "table";
  static final String QUERY = "query";
  static final String WATERMARK = "watermarkColumn";
  static final String KEYS = "keyColumns";
  static final String FETCH_SIZE = "fetchSize";
  static final String QUERY_TIMEOUT = "queryTimeout";

  /** Letters, digits and underscores: whatever is quoted, nothing can end the quote. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd}_]{1,128}");

  private static final Pattern TABLE_NAME =
      Pattern.compile("[\\p{L}\\p{Nd}_]{1,128}(\\.[\\p{L}\\p{Nd}_]{1,128})?");

  private static final Pattern STARTS_AS_SELECT =
      Pattern.compile("(?is)^[\\s(]*(select|with)\\b.*");

  static JdbcSettings from(ConnectorConfig config) throws ConnectorException {
    String url = config.requireText(URL).strip();
    Dialect dialect = Dialect.of(url);
    if (dialect == null) {
      throw ConnectorException.configuration(
          "Database URL: this connector reads databases whose URL starts with "
              + Dialect.SUPPORTED
              + ", not "
              + Redact.scheme(url));
    }
    String table = blankToNull(config.text(TABLE));
    String query = blankToNull(config.text(QUERY));
    if ((table == null) == (query == null)) {
      throw ConnectorException.configuration(
          table == null
              ? "Set either a table or a query to read"
              : "Set a table or a query, not both");
    }
    if (table != null && !TABLE_NAME.matcher(table).matches()) {
      throw ConnectorException.configuration(
          "Table: '"
              + Redact.shorten(table)
              + "' is not a table name; use letters, digits and underscores, optionally"
              + " schema.table");
    }
    if (query != null) {
      query = trimQuery(query);
      if (!STARTS_AS_SELECT.matcher(query).matches()) {
        throw ConnectorException.configuration(
            "Query: must be one SELECT (or WITH ... SELECT) statement");
      }
    }
    String watermark = blankToNull(config.text(WATERMARK));
    if (watermark != null) {
      checkName("Watermark column", watermark);
    }
    List<String> keys = new ArrayList<>();
    String keyText = config.text(KEYS);
    for (String part : (keyText == null ? "" : keyText).split(",", -1)) {
      String key = part.strip();
      if (key.isEmpty()) {
        throw ConnectorException.configuration(
            "Key columns: give one or more column names separated by commas, e.g. id or"
                + " order_id,line_no");
      }
      checkName("Key columns", key);
      for (String other : keys) {
        if (other.equalsIgnoreCase(key)) {
          throw ConnectorException.configuration("Key columns: " + key + " is named twice");
        }
      }
      if (watermark != null && watermark.equalsIgnoreCase(key)) {
        throw ConnectorException.configuration(
            "Watermark column "
                + watermark
                + " is also a key column; leave the watermark empty to read by key only");
      }
      keys.add(key);
    }
    long fetchSize = config.has(FETCH_SIZE) ? config.integer(FETCH_SIZE) : 5000;
    if (fetchSize < 1 || fetchSize > 1_000_000) {
      throw ConnectorException.configuration("Fetch size: must be between 1 and 1,000,000");
    }
    Duration timeout =
        config.has(QUERY_TIMEOUT) ? config.duration(QUERY_TIMEOUT) : Duration.ofMinutes(5);
    return new JdbcSettings(
        url,
        dialect,
        blankToNull(config.text(USER)),
        config.text(PASSWORD),
        table,
        query,
        watermark,
        List.copyOf(keys),
        (int) fetchSize,
        timeout);
  }

  /** What records' origins and status lines call the source: the table, or "query". */
  String label() {
    return table != null ? table : "query";
  }

  /** What the FROM clause reads: the quoted table, or the query as a derived table. */
  String from() {
    return table != null ? dialect.quote(table) : "(" + query + ") src";
  }

  /** The query timeout in whole seconds for {@code Statement.setQueryTimeout}; 0 is none. */
  int timeoutSeconds() {
    long s = queryTimeout.toSeconds();
    if (s == 0 && !queryTimeout.isZero()) {
      return 1;
    }
    return (int) Math.min(s, Integer.MAX_VALUE);
  }

  @Override
  public String toString() {
    // A stray log line must not print the password.
    return "JdbcSettings[" + Redact.url(url) + ", " + label() + "]";
  }

  private static void checkName(String option, String name) throws ConnectorException {
    if (!NAME.matcher(name).matches()) {
      throw ConnectorException.configuration(
          option
              + ": '"
              + Redact.shorten(name)
              + "' is not a column name; use letters, digits and underscores");
    }
  }

  private static String trimQuery(String query) {
    String q = query.strip();
    while (q.endsWith(";")) {
      q = q.substring(0, q.length() - 1).strip();
    }
    return q;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
