package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.connector.jdbc.TestDb.Read;
import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.FieldSpec;
import io.millwright.plugin.api.connector.FieldType;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ERP-like schema in MariaDB (customers, orders with updated_at TIMESTAMP(6), order lines with a
 * composite key) read the way the host reads it: to the end, then again from the saved offset after
 * updates and inserts.
 */
class ErpIncrementalTest {

  private static final LocalDateTime T0 = LocalDateTime.parse("2024-03-01T10:00:00.123456");

  private final JdbcConnector connector = new JdbcConnector();
  private final String suffix = TestDb.suffix();
  private final String customers = "customers_" + suffix;
  private final String orders = "orders_" + suffix;
  private final String lines = "order_lines_" + suffix;
  private Connection db;

  @BeforeEach
  void createSchema() throws Exception {
    db = TestDb.mariadb();
    TestDb.exec(
        db,
        "CREATE TABLE "
            + customers
            + " (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, country CHAR(2) NOT NULL)",
        "CREATE TABLE "
            + orders
            + " (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(12) NOT NULL,"
            + " total DECIMAL(12,2) NOT NULL, updated_at TIMESTAMP(6) NOT NULL"
            + " DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),"
            + " KEY by_change (updated_at, id))",
        "CREATE TABLE "
            + lines
            + " (order_id BIGINT NOT NULL, line_no INT NOT NULL, sku VARCHAR(20) NOT NULL,"
            + " qty INT NOT NULL, price DECIMAL(10,2) NOT NULL, updated_at TIMESTAMP(6) NOT NULL,"
            + " PRIMARY KEY (order_id, line_no), KEY by_change (updated_at, order_id, line_no))");
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO " + customers + " VALUES (?,?,?)")) {
      for (int c = 1; c <= 5; c++) {
        ps.setInt(1, c);
        ps.setString(2, "Customer " + c);
        ps.setString(3, c % 2 == 0 ? "DE" : "FR");
        ps.addBatch();
      }
      ps.executeBatch();
    }
    // 40 orders; every 4 share an updated_at, so ties are everywhere.
    for (int id = 1; id <= 40; id++) {
      insertOrder(id, "open", T0.plusSeconds((id - 1) / 4));
    }
  }

  @AfterEach
  void dropSchema() throws Exception {
    TestDb.exec(
        db,
        "DROP TABLE IF EXISTS " + lines,
        "DROP TABLE IF EXISTS " + orders,
        "DROP TABLE IF EXISTS " + customers);
    db.close();
  }

  @Test
  void changedAndNewOrdersComeAfterTheSavedOffsetInOrderAndNothingElse() throws Exception {
    try (PollingSource source = connector.openPolling(context(ordersConfig()))) {
      // Batches of 3 over groups of 4 equal watermarks: boundaries fall inside the ties.
      Read first = TestDb.drain(source, null, 3);
      assertThat(ids(first)).containsExactlyElementsOf(range(1, 40));
      assertThat(first.polls()).isEqualTo(14); // 13 full batches and one of 1
      SourceRecord one = first.records().get(0);
      assertThat(one.origin()).isEqualTo(orders + " id=1");
      assertThat(one.values())
          .containsEntry("id", 1L)
          .containsEntry("customer_id", 2L)
          .containsEntry("status", "open")
          .containsEntry("total", new BigDecimal("101.50"))
          .containsEntry("updated_at", T0);
      assertThat(one.values().keySet())
          .containsExactly("id", "customer_id", "status", "total", "updated_at");
      assertThat(first.end().value())
          .isEqualTo(
              "{\"w\":{\"t\":\"timestamp\",\"v\":\"2024-03-01T10:00:09.123456\"},"
                  + "\"k\":[{\"t\":\"long\",\"v\":\"40\"}]}");

      Batch nothing = source.poll(first.end(), 3);
      assertThat(nothing.records()).isEmpty();
      assertThat(nothing.more()).isFalse();
      assertThat(nothing.next()).isEqualTo(first.end());

      // Updates: three to the same new watermark, one a microsecond later; inserts tie with them.
      LocalDateTime t1 = T0.plusHours(1);
      updateOrder(17, "shipped", t1);
      updateOrder(5, "shipped", t1);
      updateOrder(2, "cancelled", t1);
      updateOrder(30, "invoiced", t1.plusNanos(1_000));
      insertOrder(42, "open", t1);
      insertOrder(41, "open", t1);
      insertOrder(43, "open", t1.plusSeconds(2));

      Read changes = TestDb.drain(source, first.end(), 2);
      assertThat(ids(changes)).containsExactly(2L, 5L, 17L, 41L, 42L, 30L, 43L);
      assertThat(changes.records().get(0).values())
          .containsEntry("status", "cancelled")
          .containsEntry("updated_at", t1);
      assertThat(changes.records().get(5).values())
          .containsEntry("updated_at", LocalDateTime.parse("2024-03-01T11:00:00.123457"));
      assertThat(TestDb.drain(source, changes.end(), 2).records()).isEmpty();

      // Another source from the same offset, as after a restart, reads exactly the same.
      try (PollingSource again = connector.openPolling(context(ordersConfig()))) {
        Read replay = TestDb.drain(again, first.end(), 5);
        assertThat(replay.origins()).isEqualTo(changes.origins());
        assertThat(replay.end()).isEqualTo(changes.end());
      }
    }
  }

  @Test
  void rowsWithEqualWatermarksAreNotSkippedWhereverTheBatchEnds() throws Exception {
    LocalDateTime same = T0.plusDays(1);
    try (PollingSource source = connector.openPolling(context(ordersConfig()))) {
      Offset end = TestDb.drain(source, null, 40).end();
      for (int id = 100; id < 110; id++) {
        insertOrder(id, "open", same);
      }
      // Batch sizes 1..4 put a boundary after every possible row of the tie.
      for (int batch = 1; batch <= 4; batch++) {
        Read read = TestDb.drain(source, end, batch);
        assertThat(ids(read)).as("batch of " + batch).containsExactlyElementsOf(range(100, 109));
      }
      // More rows with that same watermark, but keys after and before the last one read.
      Offset afterTie = TestDb.drain(source, end, 3).end();
      insertOrder(110, "open", same);
      insertOrder(99, "open", same); // a key below the last read: its tie is already past
      Read late = TestDb.drain(source, afterTie, 3);
      assertThat(ids(late)).containsExactly(110L);
    }
  }

  @Test
  void orderLinesWithACompositeKeyResumeInsideAnOrder() throws Exception {
    for (int order = 1; order <= 10; order++) {
      for (int line = 1; line <= 3; line++) {
        insertLine(order, line, T0); // one big tie: the key alone orders them
      }
    }
    Map<String, String> config = new HashMap<>(tableConfig(lines));
    config.put("keyColumns", "order_id, line_no");
    try (PollingSource source = connector.openPolling(context(config))) {
      Read all = TestDb.drain(source, null, 4);
      List<String> expected = new ArrayList<>();
      for (int order = 1; order <= 10; order++) {
        for (int line = 1; line <= 3; line++) {
          expected.add(lines + " order_id=" + order + " line_no=" + line);
        }
      }
      assertThat(all.origins()).containsExactlyElementsOf(expected);
      assertThat(all.end().value())
          .endsWith("\"k\":[{\"t\":\"long\",\"v\":\"10\"},{\"t\":\"long\",\"v\":\"3\"}]}");

      LocalDateTime t1 = T0.plusMinutes(5);
      insertLine(1, 4, t1); // key far before the last one read, watermark after it
      TestDb.exec(
          db,
          "UPDATE "
              + lines
              + " SET qty = 99, updated_at = '"
              + t1
              + "' WHERE order_id = 5"
              + " AND line_no = 2");
      insertLine(11, 1, t1.plusSeconds(1));
      Read changes = TestDb.drain(source, all.end(), 1);
      assertThat(changes.origins())
          .containsExactly(
              lines + " order_id=1 line_no=4",
              lines + " order_id=5 line_no=2",
              lines + " order_id=11 line_no=1");
      assertThat(changes.records().get(1).values()).containsEntry("qty", 99L);
    }

    // Read by key only, the composite key must grow: new orders come, updated lines do not.
    config.remove("watermarkColumn");
    try (PollingSource byKey = connector.openPolling(context(config))) {
      Read all = TestDb.drain(byKey, null, 7);
      assertThat(all.records()).hasSize(32);
      assertThat(all.end().value()).doesNotContain("\"w\"");
      insertLine(11, 2, T0);
      insertLine(12, 1, T0);
      TestDb.exec(db, "UPDATE " + lines + " SET qty = 7 WHERE order_id = 3");
      assertThat(TestDb.drain(byKey, all.end(), 7).origins())
          .containsExactly(lines + " order_id=11 line_no=2", lines + " order_id=12 line_no=1");
    }
  }

  @Test
  void aQueryJoiningOrdersAndCustomersIsReadIncrementally() throws Exception {
    updateOrder(7, "cancelled", T0.plusSeconds(1));
    Map<String, String> config = new HashMap<>();
    config.put("url", TestDb.MARIADB_URL);
    config.put("user", "root");
    config.put(
        "query",
        "SELECT o.id, o.updated_at, o.total, c.name AS customer, c.country\n"
            + "  FROM "
            + orders
            + " o\n  JOIN "
            + customers
            + " c ON c.id = o.customer_id\n WHERE o.status <> 'cancelled'\n");
    config.put("watermarkColumn", "updated_at");
    config.put("keyColumns", "id");

    ConnectionCheck check = connector.check(context(config));
    assertThat(check.summary()).matches("MariaDB \\d+\\.\\d+\\.\\d+, query: 39 rows");
    assertThat(check.sample()).hasSize(5);

    assertThat(connector.discoverSchema(context(config)))
        .containsExactly(
            new FieldSpec("id", FieldType.INTEGER, true),
            new FieldSpec("updated_at", FieldType.TIMESTAMP, false),
            new FieldSpec("total", FieldType.DECIMAL, false),
            new FieldSpec("customer", FieldType.TEXT, false),
            new FieldSpec("country", FieldType.TEXT, false));

    try (PollingSource source = connector.openPolling(context(config))) {
      Read all = TestDb.drain(source, null, 6);
      assertThat(all.records()).hasSize(39).noneMatch(r -> r.origin().equals("query id=7"));
      SourceRecord first = all.records().get(0);
      assertThat(first.origin()).isEqualTo("query id=1");
      assertThat(first.values())
          .containsEntry("customer", "Customer 2")
          .containsEntry("country", "DE")
          .containsEntry("total", new BigDecimal("101.50"));

      updateOrder(3, "shipped", T0.plusHours(2));
      insertOrder(44, "open", T0.plusHours(3));
      assertThat(TestDb.drain(source, all.end(), 6).origins())
          .containsExactly("query id=3", "query id=44");
    }
  }

  @Test
  void theCheckCountsRowsAndSaysWhichTheWatermarkLeavesOut() throws Exception {
    ConnectionCheck check = connector.check(context(ordersConfig()));
    assertThat(check.summary()).matches("MariaDB \\d+\\.\\d+\\.\\d+, orders_\\w+: 40 rows");
    assertThat(check.sample())
        .extracting(SourceRecord::origin)
        .containsExactly(
            orders + " id=1",
            orders + " id=2",
            orders + " id=3",
            orders + " id=4",
            orders + " id=5");

    TestDb.exec(db, "ALTER TABLE " + orders + " ADD COLUMN approved_at DATETIME(6) NULL");
    TestDb.exec(db, "UPDATE " + orders + " SET approved_at = updated_at WHERE id <= 30");
    Map<String, String> config = new HashMap<>(ordersConfig());
    config.put("watermarkColumn", "approved_at");
    assertThat(connector.check(context(config)).summary())
        .endsWith(": 40 rows (10 with no approved_at, which are not read)");
    try (PollingSource source = connector.openPolling(context(config))) {
      assertThat(ids(TestDb.drain(source, null, 8))).containsExactlyElementsOf(range(1, 30));
    }
  }

  @Test
  void namesThatTryToInjectSqlAreRefusedBeforeAnythingRuns() throws Exception {
    List<Map<String, String>> attempts = new ArrayList<>();
    for (String table :
        List.of(
            orders + "; DROP TABLE " + customers,
            orders + "` WHERE 1=1 -- ",
            orders + " o",
            orders + "--",
            "test." + orders + ".x",
            "(SELECT * FROM " + customers + ")")) {
      Map<String, String> c = new HashMap<>(ordersConfig());
      c.put("table", table);
      attempts.add(c);
    }
    for (String key :
        List.of("id`", "id; DROP TABLE " + customers, "id) OR (1=1", "id,,x", "`id`")) {
      Map<String, String> c = new HashMap<>(ordersConfig());
      c.put("keyColumns", key);
      attempts.add(c);
    }
    for (String w : List.of("updated_at` > 0 -- ", "updated_at DESC", "\"updated_at\"")) {
      Map<String, String> c = new HashMap<>(ordersConfig());
      c.put("watermarkColumn", w);
      attempts.add(c);
    }
    for (Map<String, String> attempt : attempts) {
      TestContext context = context(attempt);
      assertConfigurationError(() -> connector.openPolling(context));
      assertConfigurationError(() -> connector.check(context));
      assertConfigurationError(() -> connector.discoverSchema(context));
    }
    try (ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM " + customers)) {
      rs.next();
      assertThat(rs.getInt(1)).as("customers still there").isEqualTo(5);
    }
  }

  @Test
  void exactlyOneOfTableAndQuery() throws Exception {
    Map<String, String> both = new HashMap<>(ordersConfig());
    both.put("query", "SELECT * FROM " + orders);
    Map<String, String> neither = new HashMap<>(ordersConfig());
    neither.remove("table");
    for (Map<String, String> config : List.of(both, neither)) {
      TestContext context = context(config);
      assertConfigurationError(() -> connector.openPolling(context));
      assertConfigurationError(() -> connector.check(context));
    }
    assertThatThrownBy(() -> connector.openPolling(context(both)))
        .hasMessage("Set a table or a query, not both");
    assertThatThrownBy(() -> connector.openPolling(context(neither)))
        .hasMessage("Set either a table or a query to read");
    Map<String, String> update = new HashMap<>(neither);
    update.put("query", "UPDATE " + orders + " SET status = 'x'");
    assertConfigurationError(() -> connector.openPolling(context(update)));
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Map<String, String> ordersConfig() {
    return tableConfig(orders);
  }

  private Map<String, String> tableConfig(String table) {
    return Map.of(
        "url", TestDb.MARIADB_URL,
        "user", "root",
        "table", table,
        "watermarkColumn", "updated_at",
        "keyColumns", "id");
  }

  private TestContext context(Map<String, String> config) {
    return new TestContext(connector.descriptor(), config);
  }

  private void insertOrder(long id, String status, LocalDateTime updatedAt) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO " + orders + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, (int) (id % 5) + 1);
      ps.setString(3, status);
      ps.setBigDecimal(4, new BigDecimal(100 + id + ".50"));
      ps.setObject(5, updatedAt);
      ps.executeUpdate();
    }
  }

  private void updateOrder(long id, String status, LocalDateTime updatedAt) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE " + orders + " SET status = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, status);
      ps.setObject(2, updatedAt);
      ps.setLong(3, id);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private void insertLine(long order, int line, LocalDateTime updatedAt) throws Exception {
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO " + lines + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, order);
      ps.setInt(2, line);
      ps.setString(3, "SKU-" + order + "-" + line);
      ps.setInt(4, line);
      ps.setBigDecimal(5, new BigDecimal("9.99"));
      ps.setObject(6, updatedAt);
      ps.executeUpdate();
    }
  }

  private static List<Long> ids(Read read) {
    return read.records().stream().map(r -> (Long) r.values().get("id")).toList();
  }

  private static List<Long> range(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(i -> (long) i).toList();
  }

  private static void assertConfigurationError(ThrowingCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ConnectorException.class)
        .satisfies(
            e ->
                assertThat(((ConnectorException) e).kind())
                    .isEqualTo(ConnectorException.Kind.CONFIGURATION));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
