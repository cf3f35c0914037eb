package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The kit once more, for the other way of reading: a query (not a table) without a watermark, by a
 * growing key only, as for an insert-only journal; through a jdbc:mysql URL, which the bundled
 * MariaDB driver serves. Unreachable: a closed port.
 */
class MariaDbQueryByKeyContractTest extends ConnectorContract {

  private final JdbcConnector connector = new JdbcConnector();
  private final String table = "kit_journal_" + TestDb.suffix();
  private Connection db;
  private long next = 1;

  @BeforeEach
  void createTable() throws Exception {
    db = TestDb.mariadb();
    TestDb.exec(
        db,
        "CREATE TABLE "
            + table
            + " (entry_no BIGINT PRIMARY KEY, account VARCHAR(20) NOT NULL, amount DECIMAL(14,2))");
    // A row the query leaves out: the kit must never see it.
    TestDb.exec(db, "INSERT INTO " + table + " VALUES (0, 'hidden', 0)");
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
        "url",
        "jdbc:mysql://127.0.0.1:3306/test",
        "user",
        "root",
        "query",
        "SELECT entry_no, account, amount * 2 AS doubled\nFROM "
            + table
            + "\nWHERE account <> 'hidden';",
        "keyColumns",
        "entry_no");
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of(
        "url", "jdbc:mysql://127.0.0.1:1/test",
        "user", "root",
        "password", "secret-password-0815",
        "query", "SELECT * FROM " + table,
        "keyColumns", "entry_no");
  }

  @Override
  protected void addRecords(int count) throws Exception {
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        long id = next++;
        ps.setLong(1, id);
        ps.setString(2, "4400-" + id);
        ps.setBigDecimal(3, java.math.BigDecimal.valueOf(id, 2));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
