package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kit against PostgreSQL: a schema-qualified table read by a timestamptz watermark and id.
 * PostgreSQL trusts local connections whatever the password, so the unreachable configuration is a
 * closed port.
 */
class PostgresJdbcConnectorContractTest extends ConnectorContract {

  private final JdbcConnector connector = new JdbcConnector();
  private final String table = "public.kit_events_" + TestDb.suffix();
  private Connection db;
  private long next = 1;

  @BeforeEach
  void createTable() throws Exception {
    db = TestDb.postgres();
    TestDb.exec(
        db,
        "CREATE TABLE "
            + table
            + " (id bigint PRIMARY KEY, sensor text NOT NULL, reading numeric(10,3),"
            + " changed_at timestamptz NOT NULL DEFAULT clock_timestamp())");
  }

  @AfterEach
  void dropTable() throws Exception {
    TestDb.exec(db, "DROP TABLE IF EXISTS " + table);
    db.close();
  }

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return Map.of(
        "url", TestDb.POSTGRES_URL,
        "user", "postgres",
        "table", table,
        "watermarkColumn", "changed_at",
        "keyColumns", "id");
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of(
        "url", "jdbc:postgresql://127.0.0.1:1/test",
        "user", "postgres",
        "password", "wrong-password-4711",
        "table", table,
        "watermarkColumn", "changed_at",
        "keyColumns", "id");
  }

  @Override
  protected void addRecords(int count) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO " + table + " (id, sensor, reading) VALUES (?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        long id = next++;
        ps.setLong(1, id);
        ps.setString(2, "line-" + (id % 3));
        ps.setBigDecimal(3, new java.math.BigDecimal(id + ".125"));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
