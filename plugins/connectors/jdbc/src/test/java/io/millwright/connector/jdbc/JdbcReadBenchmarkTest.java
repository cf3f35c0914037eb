package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How fast the connector drains a million-row MariaDB table next to a plain JDBC loop over the same
 * rows (getObject per column), so the plugin is known not to be an ingest's bottleneck. Prints
 * figures and asserts no time: run with {@code -Dbenchmarks=true -Dtest=JdbcReadBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class JdbcReadBenchmarkTest {

  private static final int ROWS = 1_000_000;
  private static final int BATCH = 50_000;

  private final JdbcConnector connector = new JdbcConnector();

  /** Keeps the JIT from dropping reads whose results nobody uses. */
  private long sink;

  @Test
  void drainAMillionRowsNextToPlainJdbc() throws Exception {
    String table = "bench_orders_" + TestDb.suffix();
    try (Connection db = TestDb.mariadb()) {
      TestDb.exec(
          db,
          "CREATE TABLE "
              + table
              + " (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(12) NOT NULL,"
              + " total DECIMAL(12,2) NOT NULL, qty INT NOT NULL, note VARCHAR(64),"
              + " created DATE NOT NULL, updated_at TIMESTAMP(6) NOT NULL,"
              + " KEY by_change (updated_at, id))");
      try {
        long t0 = System.nanoTime();
        // The sequence engine makes the rows server-side: no million round trips to set up.
        TestDb.exec(
            db,
            "INSERT INTO "
                + table
                + " SELECT seq, seq % 5000, ELT(1 + seq % 4, 'open', 'shipped', 'invoiced',"
                + " 'cancelled'), (seq % 100000) / 100, seq % 50, CONCAT('delivery note ', seq),"
                + " DATE '2024-01-01' + INTERVAL (seq % 365) DAY,"
                + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (seq DIV 3) SECOND"
                + " + INTERVAL (seq % 7) MICROSECOND FROM seq_1_to_"
                + ROWS);
        report("load (INSERT ... SELECT FROM seq_1_to_N)", ROWS, System.nanoTime() - t0);

        Map<String, String> byWatermark = new HashMap<>();
        byWatermark.put("url", TestDb.MARIADB_URL);
        byWatermark.put("user", "root");
        byWatermark.put("table", table);
        byWatermark.put("watermarkColumn", "updated_at");
        byWatermark.put("keyColumns", "id");
        Map<String, String> byKey = new HashMap<>(byWatermark);
        byKey.remove("watermarkColumn");

        // Warm-up: the JIT and the buffer pool, for both sides.
        plainJdbc(table, 5000);
        drain(byWatermark);

        double plainStreamed = 0;
        double plainBuffered = 0;
        double plainKeyset = 0;
        double connectorWatermark = 0;
        double connectorKey = 0;
        for (int round = 1; round <= 3; round++) {
          plainStreamed = Math.max(plainStreamed, plainJdbc(table, 5000));
          plainBuffered = Math.max(plainBuffered, plainJdbc(table, 0));
          plainKeyset = Math.max(plainKeyset, plainJdbcKeyset(byWatermark));
          connectorWatermark = Math.max(connectorWatermark, drain(byWatermark));
          connectorKey = Math.max(connectorKey, drain(byKey));
        }
        System.out.printf(
            Locale.ROOT,
            "%nbest of 3, rows/s:%n"
                + "  plain JDBC, SELECT *, fetchSize 5000 (streamed)      %,10.0f%n"
                + "  plain JDBC, SELECT *, whole result buffered          %,10.0f%n"
                + "  plain JDBC, the connector's keyset pages (watermark) %,10.0f%n"
                + "  connector, watermark+key, %,d/poll              %,10.0f"
                + "  (%.2f of SELECT *, %.2f of the same keyset pages)%n"
                + "  connector, key only,      %,d/poll              %,10.0f  (%.2f of SELECT *)%n",
            plainStreamed,
            plainBuffered,
            plainKeyset,
            BATCH,
            connectorWatermark,
            connectorWatermark / plainStreamed,
            connectorWatermark / plainKeyset,
            BATCH,
            connectorKey,
            connectorKey / plainStreamed);
        assertThat(sink).isNotZero();
      } finally {
        TestDb.exec(db, "DROP TABLE IF EXISTS " + table);
      }
    }
  }

  /** The baseline: one SELECT, a plain loop, getObject per column; rows/s. */
  private double plainJdbc(String table, int fetchSize) throws Exception {
    long t0 = System.nanoTime();
    long rows = 0;
    try (Connection c = TestDb.mariadb();
        Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      s.setFetchSize(fetchSize);
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= n; i++) {
            Object v = rs.getObject(i);
            sink += v == null ? 0 : 1;
          }
          rows++;
        }
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    return report("plain JDBC, fetchSize " + fetchSize, rows, System.nanoTime() - t0);
  }

  /**
   * The database's and driver's share of the watermark read: the connector's own keyset statements
   * (which use the (updated_at, id) index, not the clustered scan of SELECT *) in a plain loop with
   * getObject per column; rows/s.
   */
  private double plainJdbcKeyset(Map<String, String> config) throws Exception {
    KeysetSql sql =
        new KeysetSql(
            JdbcSettings.from(
                io.millwright.plugin.api.connector.ConnectorConfig.of(
                    connector.descriptor(), config)));
    long t0 = System.nanoTime();
    long rows = 0;
    try (Connection c = TestDb.mariadb()) {
      Object lastW = null;
      long lastId = 0;
      while (true) {
        try (java.sql.PreparedStatement ps =
            c.prepareStatement(lastW == null ? sql.first : sql.after)) {
          ps.setFetchSize(5000);
          int p = 1;
          if (lastW != null) {
            ps.setObject(p++, lastW);
            ps.setObject(p++, lastW);
            ps.setObject(p++, lastW);
            ps.setLong(p++, lastId);
          }
          ps.setInt(p, BATCH);
          int page = 0;
          try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= n; i++) {
                Object v = rs.getObject(i);
                sink += v == null ? 0 : 1;
              }
              lastId = rs.getLong("id");
              lastW = rs.getObject("updated_at", java.time.LocalDateTime.class);
              page++;
            }
          }
          rows += page;
          if (page < BATCH) {
            break;
          }
        }
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    return report("plain JDBC, keyset pages", rows, System.nanoTime() - t0);
  }

  /** The connector as the host drives it: poll again at once while there is more; rows/s. */
  private double drain(Map<String, String> config) throws Exception {
    long t0 = System.nanoTime();
    long rows = 0;
    int polls = 0;
    try (PollingSource source =
        connector.openPolling(new TestContext(connector.descriptor(), config))) {
      Offset at = null;
      while (true) {
        Batch b = source.poll(at, BATCH);
        polls++;
        for (SourceRecord r : b.records()) {
          sink += r.values().size();
        }
        rows += b.records().size();
        at = b.next();
        if (!b.more()) {
          break;
        }
      }
    }
    assertThat(rows).isEqualTo(ROWS);
    String how = config.containsKey("watermarkColumn") ? "watermark+key" : "key only";
    return report("connector, " + how + ", " + polls + " polls", rows, System.nanoTime() - t0);
  }

  private static double report(String what, long rows, long nanos) {
    double perSecond = rows / (nanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "%-48s %,10d rows in %6.2f s: %,10.0f rows/s%n",
        what,
        rows,
        nanos / 1e9,
        perSecond);
    return perSecond;
  }
}
