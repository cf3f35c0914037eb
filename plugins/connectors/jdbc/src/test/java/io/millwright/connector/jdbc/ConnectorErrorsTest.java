package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.ConnectorException.Kind;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong says what to fix (configuration) or that it is worth retrying (unavailable), in
 * words a person reads, and never with the password in it.
 */
class ConnectorErrorsTest {

  private static final String PASSWORD = "Tr0ub4dor&3-secret";
  private static final String TABLE = "errs_" + TestDb.suffix();

  private final JdbcConnector connector = new JdbcConnector();

  @BeforeAll
  static void createTables() throws Exception {
    try (Connection m = TestDb.mariadb();
        Connection p = TestDb.postgres()) {
      TestDb.exec(m, "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, name VARCHAR(10))");
      TestDb.exec(m, "INSERT INTO " + TABLE + " VALUES (1, 'a'), (2, 'b')");
      TestDb.exec(p, "CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, name VARCHAR(10))");
      TestDb.exec(p, "INSERT INTO " + TABLE + " VALUES (1, 'a'), (2, 'b')");
    }
  }

  @AfterAll
  static void dropTables() throws Exception {
    try (Connection m = TestDb.mariadb();
        Connection p = TestDb.postgres()) {
      TestDb.exec(m, "DROP TABLE IF EXISTS " + TABLE);
      TestDb.exec(p, "DROP TABLE IF EXISTS " + TABLE);
    }
  }

  @Test
  void aWrongPasswordIsAConfigurationErrorThatDoesNotShowIt() {
    Map<String, String> c = maria();
    c.put("password", PASSWORD);
    ConnectorException e = checkFails(c, Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .startsWith("Could not connect to jdbc:mariadb://127.0.0.1:3306/test: Access denied")
        .endsWith("(check the user and password)");
  }

  @Test
  void aPasswordInTheUrlDoesNotShowEither() {
    Map<String, String> c = maria();
    c.put("url", TestDb.MARIADB_URL + "?password=" + PASSWORD + "&connectTimeout=5000");
    ConnectorException e = checkFails(c, Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("Access denied").doesNotContain("connectTimeout");
  }

  @Test
  void anUnknownDatabaseIsAConfigurationError() {
    Map<String, String> c = maria();
    c.put("url", "jdbc:mariadb://127.0.0.1:3306/no_such_db_" + TestDb.suffix());
    assertThat(checkFails(c, Kind.CONFIGURATION).getMessage())
        .contains("Unknown database")
        .endsWith("(check the database name in the URL)");

    Map<String, String> p = postgres();
    p.put("url", "jdbc:postgresql://127.0.0.1:5432/no_such_db_" + TestDb.suffix());
    assertThat(checkFails(p, Kind.CONFIGURATION).getMessage())
        .contains("does not exist")
        .endsWith("(check the database name in the URL)");
  }

  @Test
  void anUnknownTableOrColumnIsAConfigurationError() throws Exception {
    for (Map<String, String> base : java.util.List.of(maria(), postgres())) {
      Map<String, String> table = new HashMap<>(base);
      table.put("table", "no_such_table_" + TestDb.suffix());
      assertThat(checkFails(table, Kind.CONFIGURATION).getMessage())
          .startsWith("Could not read no_such_table_")
          .doesNotContain("Position", "ERROR:", "\n");
      assertThat(pollFails(table, Kind.CONFIGURATION).getMessage()).contains("no_such_table_");

      Map<String, String> key = new HashMap<>(base);
      key.put("keyColumns", "order_no");
      assertThat(checkFails(key, Kind.CONFIGURATION).getMessage()).contains("order_no");
      assertThat(pollFails(key, Kind.CONFIGURATION).getMessage()).contains("order_no");

      Map<String, String> watermark = new HashMap<>(base);
      watermark.put("watermarkColumn", "changed_on");
      assertThat(pollFails(watermark, Kind.CONFIGURATION).getMessage()).contains("changed_on");
      assertThat(
              catchThrowableOfType(
                  ConnectorException.class, () -> connector.discoverSchema(context(watermark))))
          .hasMessage(
              "Watermark column changed_on is not among the columns of " + TABLE + ": id, name");
    }
  }

  @Test
  void aClosedPortIsUnavailable() {
    Map<String, String> c = maria();
    c.put("url", "jdbc:mariadb://127.0.0.1:1/test");
    c.put("password", PASSWORD);
    assertThat(checkFails(c, Kind.UNAVAILABLE).getMessage())
        .startsWith("Could not connect to jdbc:mariadb://127.0.0.1:1/test: ");
    Map<String, String> p = postgres();
    p.put("url", "jdbc:postgresql://127.0.0.1:1/test");
    assertThat(checkFails(p, Kind.UNAVAILABLE).getMessage())
        .contains("refused")
        .endsWith("(check the host and port, and that the database is running)");
    assertThat(pollFails(p, Kind.UNAVAILABLE).getMessage()).contains("refused");
  }

  @Test
  void aQueryThatRunsTooLongIsCancelledAndUnavailable() {
    Map<String, String> m = maria();
    m.remove("table");
    m.put("query", "SELECT id, SLEEP(3) AS slept FROM " + TABLE);
    m.put("queryTimeout", "1s");
    assertThat(pollFails(m, Kind.UNAVAILABLE).getMessage()).contains("query timeout of PT1S");

    Map<String, String> p = postgres();
    p.remove("table");
    p.put("query", "SELECT id, pg_sleep(3) AS slept FROM " + TABLE);
    p.put("queryTimeout", "1s");
    assertThat(pollFails(p, Kind.UNAVAILABLE).getMessage()).contains("query timeout of PT1S");
  }

  @Test
  void anUnsupportedDatabaseIsNamedWithTheOnesThatAre() {
    Map<String, String> c = maria();
    c.put("url", "jdbc:sqlserver://erp:1433;databaseName=erp;password=" + PASSWORD);
    ConnectorException e = checkFails(c, Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo(
            "Database URL: this connector reads databases whose URL starts with"
                + " jdbc:mariadb://, jdbc:mysql:// or jdbc:postgresql://, not jdbc:sqlserver:");
    assertThat(
            catchThrowableOfType(ConnectorException.class, () -> connector.openPolling(context(c))))
        .hasMessage(e.getMessage());
  }

  @Test
  void aQueryWithTwoColumnsOfTheSameNameIsRefused() {
    String query =
        "SELECT a.id, a.name, b.name FROM " + TABLE + " a JOIN " + TABLE + " b USING (id)";
    Map<String, String> m = maria();
    m.remove("table");
    m.put("query", query);
    // MariaDB refuses such a derived table itself; PostgreSQL would let one value hide the other.
    assertThat(pollFails(m, Kind.CONFIGURATION).getMessage()).contains("Duplicate column name");
    Map<String, String> p = postgres();
    p.remove("table");
    p.put("query", query);
    assertThat(pollFails(p, Kind.CONFIGURATION).getMessage())
        .isEqualTo(
            "query has two columns named name; give them distinct names (AS ...) in the query");
  }

  @Test
  void aSavedOffsetFromAnotherConfigurationIsRefused() throws Exception {
    Map<String, String> m = maria();
    try (PollingSource source = connector.openPolling(context(m))) {
      var offset = TestDb.drain(source, null, 10).end();
      Map<String, String> composite = new HashMap<>(m);
      composite.put("keyColumns", "id,name");
      try (PollingSource other = connector.openPolling(context(composite))) {
        ConnectorException e =
            catchThrowableOfType(ConnectorException.class, () -> other.poll(offset, 10));
        assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
        assertThat(e.getMessage()).contains("reset the connection's offset");
        ConnectorException garbage =
            catchThrowableOfType(
                ConnectorException.class,
                () -> other.poll(new io.millwright.plugin.api.connector.Offset("17"), 10));
        assertThat(garbage.kind()).isEqualTo(Kind.CONFIGURATION);
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private ConnectorException checkFails(Map<String, String> config, Kind kind) {
    ConnectorException e =
        catchThrowableOfType(ConnectorException.class, () -> connector.check(context(config)));
    return verified(e, kind);
  }

  private ConnectorException pollFails(Map<String, String> config, Kind kind) {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> {
              try (PollingSource source = connector.openPolling(context(config))) {
                source.poll(null, 10);
              }
            });
    return verified(e, kind);
  }

  private static ConnectorException verified(ConnectorException e, Kind kind) {
    assertThat(e).as("a ConnectorException").isNotNull();
    System.out.println(kind + ": " + e.getMessage());
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.getMessage()).doesNotContain(PASSWORD);
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain(PASSWORD);
    }
    return e;
  }

  private TestContext context(Map<String, String> config) {
    return new TestContext(connector.descriptor(), config);
  }

  private static Map<String, String> maria() {
    return TypeMappingTest.config(TestDb.MARIADB_URL, "root", TABLE, null, "id");
  }

  private static Map<String, String> postgres() {
    return TypeMappingTest.config(TestDb.POSTGRES_URL, "postgres", TABLE, null, "id");
  }
}
