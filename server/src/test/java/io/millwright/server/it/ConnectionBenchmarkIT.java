package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The jdbc connector's throughput into a dataset against a plain JDBC read of the same table in the
 * same run, and the server's heap per idle deployed connection. Prints figures; asserts no times.
 */
class ConnectionBenchmarkIT {

  static final int ROWS = 1_000_000;

  static List<JsonObject> items(Reply r) {
    return r.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  @Test
  void jdbcIntoADatasetAgainstAPlainJdbcReadOfTheSameTable() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    String table = "bench_lines_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = ConnectionsIT.mariadb();
        Statement s = c.createStatement()) {
      s.execute(
          "create table "
              + table
              + " (line_id bigint primary key, order_id bigint not null, sku varchar(20) not null,"
              + " qty int not null, price decimal(10,2) not null, changed_at timestamp(6) not null,"
              + " key (changed_at, line_id))");
      s.execute(
          "insert into "
              + table
              + " select seq, seq div 4, concat('SKU-', seq mod 5000), seq mod 9, (seq mod 10000) /"
              + " 100, timestamp '2024-01-01 00:00:00' + interval (seq div 10) second from"
              + " seq_1_to_"
              + ROWS);
    }
    try {
      // Baseline: a plain JDBC loop over the same table, streaming, every column read.
      long t0 = System.nanoTime();
      long read = 0;
      try (Connection c = ConnectionsIT.mariadb();
          Statement s =
              c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        s.setFetchSize(5000);
        try (ResultSet rs = s.executeQuery("select * from " + table)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              rs.getObject(i);
            }
            read++;
          }
        }
      }
      double plain = read / ((System.nanoTime() - t0) / 1e9);

      for (boolean keyed : new boolean[] {true, false}) {
        ingest(table, plain, keyed);
      }
    } finally {
      try (Connection c = ConnectionsIT.mariadb();
          Statement s = c.createStatement()) {
        s.execute("drop table if exists " + table);
      }
    }
  }

  /** One connection run over the table into a new dataset, deduplicating by key or not. */
  private static void ingest(String table, double plain, boolean keyed) {
    {
      Fixtures.TestTenant t = Fixtures.tenant("bench-conn");
      String engineer = Fixtures.member(t, "engineer", "data-engineer");
      String base = "/api/tenants/" + t.slug();
      assertThat(
              Api.post(
                      base + "/datasets",
                      engineer,
                      "{\"name\":\"lines\",\"columns\":[{\"name\":\"line_id\",\"type\":\"integer\"},"
                          + "{\"name\":\"order_id\",\"type\":\"integer\"},{\"name\":\"sku\",\"type\":\"string\"},"
                          + "{\"name\":\"qty\",\"type\":\"integer\"},{\"name\":\"price\",\"type\":\"decimal\"},"
                          + "{\"name\":\"changed_at\",\"type\":\"timestamp\"}]"
                          + (keyed ? ",\"primaryKey\":[\"line_id\"]" : "")
                          + "}")
                  .status())
          .isEqualTo(201);
      Reply made =
          Api.post(
              base + "/connections",
              engineer,
              "{\"name\":\"lines\",\"connector\":\"jdbc\",\"dataset\":\"lines\",\"schedule\":\"manual\","
                  + "\"batchRecords\":250000,\"config\":{\"url\":\""
                  + ConnectionsIT.MARIADB
                  + "\",\"user\":\"root\",\"table\":\""
                  + table
                  + "\",\"watermarkColumn\":\"changed_at\",\"keyColumns\":\"line_id\"}}");
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
      assertThat(Api.post(base + "/connections/lines/run", engineer, null).status()).isEqualTo(202);
      JsonObject[] run = new JsonObject[1];
      await()
          .atMost(Duration.ofMinutes(20))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                List<JsonObject> runs = items(Api.get(base + "/connections/lines/runs", engineer));
                if (!runs.isEmpty() && !runs.get(0).getString("status").equals("running")) {
                  run[0] = runs.get(0);
                  return true;
                }
                return false;
              });
      assertThat(run[0].getString("status")).as(run[0].toString()).isEqualTo("succeeded");
      assertThat(run[0].getJsonNumber("rowsWritten").longValue()).isEqualTo(ROWS);
      double seconds =
          Duration.between(
                      Instant.parse(run[0].getString("startedAt")),
                      Instant.parse(run[0].getString("finishedAt")))
                  .toMillis()
              / 1000.0;
      double connector = ROWS / seconds;
      Bench.report(
          "jdbc connector"
              + (keyed ? " (dedup by key)" : " (no key)")
              + ", "
              + ROWS
              + " rows MariaDB -> dataset: "
              + Bench.f(connector)
              + " rows/s ("
              + Bench.f(seconds)
              + " s, "
              + run[0].getInt("commits")
              + " commits); plain JDBC read of the same table: "
              + Bench.f(plain)
              + " rows/s; ratio "
              + Bench.f(connector / plain));
    }
  }
}
