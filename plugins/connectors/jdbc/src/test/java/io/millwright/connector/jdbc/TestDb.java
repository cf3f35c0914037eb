package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases this machine runs for tests: MariaDB (root, no password) and PostgreSQL (postgres,
 * trust), each with a database {@code test}. Tests make tables with random names and drop them.
 */
final class TestDb {

  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  private TestDb() {}

  static Connection mariadb() throws SQLException {
    return DriverManager.getConnection(MARIADB_URL, "root", "");
  }

  static Connection postgres() throws SQLException {
    return DriverManager.getConnection(POSTGRES_URL, "postgres", "");
  }

  static void exec(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Lowercase letters and digits, for table names no other test run uses. */
  static String suffix() {
    return Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).toLowerCase(Locale.ROOT);
  }

  /** What a poll loop reads from an offset until the source says there is no more. */
  record Read(List<SourceRecord> records, Offset end, int polls) {
    List<String> origins() {
      return records.stream().map(SourceRecord::origin).toList();
    }
  }

  static Read drain(PollingSource source, Offset from, int batch) throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    Offset at = from;
    int polls = 0;
    while (true) {
      Batch b = source.poll(at, batch);
      polls++;
      all.addAll(b.records());
      at = b.next();
      if (!b.more()) {
        return new Read(all, at, polls);
      }
      if (polls > 100_000) {
        throw new AssertionError("no end");
      }
    }
  }
}
