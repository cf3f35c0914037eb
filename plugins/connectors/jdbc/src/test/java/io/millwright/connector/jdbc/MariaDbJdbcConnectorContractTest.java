package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The kit against MariaDB: a table read by updated_at TIMESTAMP(6) and id. */
class MariaDbJdbcConnectorContractTest extends ConnectorContract {

  private final JdbcConnector connector = new JdbcConnector();
  private final String table = "kit_orders_" + TestDb.suffix();
  private Connection db;
  private long next = 1;

  @BeforeEach
  void createTable() throws Exception {
    db = TestDb.mariadb();
    TestDb.exec(
        db,
        "CREATE TABLE "
            + table
            + " (id BIGINT PRIMARY KEY, customer VARCHAR(40) NOT NULL, total DECIMAL(12,2),"
            + " updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
            + " ON UPDATE CURRENT_TIMESTAMP(6), KEY (updated_at, id))");
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
        "url", TestDb.MARIADB_URL,
        "user", "root",
        "table", table,
        "watermarkColumn", "updated_at",
        "keyColumns", "id");
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of(
        "url", TestDb.MARIADB_URL,
        "user", "root",
        "password", "wrong-password-4711",
        "table", table,
        "watermarkColumn", "updated_at",
        "keyColumns", "id");
  }

  @Override
  protected void addRecords(int count) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO " + table + " (id, customer, total) VALUES (?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        long id = next++;
        ps.setLong(1, id);
        ps.setString(2, "customer " + id);
        ps.setBigDecimal(3, new java.math.BigDecimal(id + ".50"));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
