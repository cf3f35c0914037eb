package io.millwright.connector.jdbc;

import java.util.Locale;

/** What differs between the databases this connector reads: URL prefix and identifier quoting. */
enum Dialect {
  MARIADB("jdbc:mariadb:", '`'),
  /** Read with the MariaDB driver, which speaks to MySQL servers as well. */
  MYSQL("jdbc:mysql:", '`'),
  POSTGRESQL("jdbc:postgresql:", '"');

  static final String SUPPORTED = "jdbc:mariadb://, jdbc:mysql:// or jdbc:postgresql://";

  private final String prefix;
  private final char quote;

  Dialect(String prefix, char quote) {
    this.prefix = prefix;
    this.quote = quote;
  }

  /** The dialect of a JDBC URL, or null when this connector does not read such a database. */
  static Dialect of(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (Dialect d : values()) {
      if (lower.startsWith(d.prefix)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The URL handed to the driver: MySQL URLs go to the bundled MariaDB driver, which accepts only
   * its own scheme unless told otherwise.
   */
  String driverUrl(String url) {
    return this == MYSQL ? MARIADB.prefix + url.substring(prefix.length()) : url;
  }

  /**
   * A validated identifier, quoted part by part ({@code sales.orders} → {@code `sales`.`orders`}).
   */
  String quote(String identifier) {
    StringBuilder sb = new StringBuilder(identifier.length() + 4);
    int start = 0;
    while (true) {
      int dot = identifier.indexOf('.', start);
      String part = dot < 0 ? identifier.substring(start) : identifier.substring(start, dot);
      sb.append(quote).append(part).append(quote);
      if (dot < 0) {
        return sb.toString();
      }
      sb.append('.');
      start = dot + 1;
    }
  }

  /** PostgreSQL reads with a cursor only inside a transaction. */
  boolean needsTransactionToStream() {
    return this == POSTGRESQL;
  }
}
