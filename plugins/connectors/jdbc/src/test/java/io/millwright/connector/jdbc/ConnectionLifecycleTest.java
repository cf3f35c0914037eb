package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One connection per polling source: opened at its first poll, opened anew when the server dropped
 * it, closed with the source. A user that may only SELECT the table is enough.
 */
class ConnectionLifecycleTest {

  private final JdbcConnector connector = new JdbcConnector();

  @Test
  void eachSourceHasItsOwnConnectionWhichSurvivesBeingKilledAndIsClosedWithIt() throws Exception {
    String suffix = TestDb.suffix();
    String table = "life_" + suffix;
    String user = "mw_reader_" + suffix.substring(0, Math.min(8, suffix.length()));
    String password = "pw-" + suffix;
    try (Connection db = TestDb.mariadb()) {
      TestDb.exec(
          db,
          "CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(10))",
          "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')",
          "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
          "GRANT SELECT ON test." + table + " TO '" + user + "'@'%'");
      try {
        Map<String, String> config =
            Map.of(
                "url", TestDb.MARIADB_URL,
                "user", user,
                "password", password,
                "table", table,
                "keyColumns", "id");
        assertThat(connector.check(context(config)).summary()).endsWith(table + ": 3 rows");
        awaitConnections(db, user, 0);

        PollingSource a = connector.openPolling(context(config));
        PollingSource b = connector.openPolling(context(config));
        assertThat(connections(db, user)).as("opened lazily").isEmpty();
        Offset afterOne = a.poll(null, 1).next();
        b.poll(null, 1);
        assertThat(connections(db, user)).hasSize(2);

        for (long id : connections(db, user)) {
          TestDb.exec(db, "KILL CONNECTION " + id);
        }
        awaitConnections(db, user, 0);
        assertThat(TestDb.drain(a, afterOne, 10).origins())
            .as("the broken connection is replaced and reading goes on")
            .containsExactly(table + " id=2", table + " id=3");
        assertThat(connections(db, user)).hasSize(1);

        a.close();
        b.close();
        awaitConnections(db, user, 0);
      } finally {
        TestDb.exec(db, "DROP USER IF EXISTS '" + user + "'@'%'", "DROP TABLE " + table);
      }
    }
  }

  @Test
  void aPostgresSourceReconnectsAfterItsBackendIsTerminated() throws Exception {
    String table = "life_" + TestDb.suffix();
    try (Connection db = TestDb.postgres()) {
      TestDb.exec(
          db,
          "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
          "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      try {
        Map<String, String> config =
            TypeMappingTest.config(TestDb.POSTGRES_URL, "postgres", table, null, "id");
        String ours = "SELECT pid FROM pg_stat_activity WHERE application_name = 'Millwright'";
        List<Long> before = longs(db, ours);
        try (PollingSource source = connector.openPolling(context(config))) {
          Offset afterOne = source.poll(null, 1).next();
          List<Long> mine = new ArrayList<>(longs(db, ours));
          mine.removeAll(before);
          assertThat(mine).hasSize(1);
          TestDb.exec(db, "SELECT pg_terminate_backend(" + mine.get(0) + ")");
          assertThat(TestDb.drain(source, afterOne, 10).origins())
              .containsExactly(table + " id=2", table + " id=3");
        }
      } finally {
        TestDb.exec(db, "DROP TABLE " + table);
      }
    }
  }

  private static List<Long> connections(Connection db, String user) throws Exception {
    return longs(db, "SELECT id FROM information_schema.processlist WHERE user = '" + user + "'");
  }

  private static List<Long> longs(Connection db, String sql) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static void awaitConnections(Connection db, String user, int count) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (connections(db, user).size() != count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(connections(db, user)).hasSize(count);
  }

  private TestContext context(Map<String, String> config) {
    return new TestContext(connector.descriptor(), config);
  }
}
