package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections end to end on the real server, with the connector plugins shipped in its plugins
 * folder: an ERP's tables in the machine's MariaDB ingested incrementally with updates between
 * runs, configuration refused field by field, secrets sealed and never returned, a connection that
 * keeps failing paused with its reason, and two tenants with the same connector that never meet.
 */
class ConnectionsIT {

  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  static final String ORDERS = "it_orders_" + SUFFIX;

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String engineer;
  static String analyst;
  static String engineerOfB;

  static final String ORDERS_DATASET =
      "{\"name\":\"%s\",\"columns\":["
          + "{\"name\":\"order_id\",\"type\":\"integer\",\"required\":true},"
          + "{\"name\":\"customer_id\",\"type\":\"integer\"},"
          + "{\"name\":\"status\",\"type\":\"string\"},"
          + "{\"name\":\"total\",\"type\":\"decimal\",\"min\":0},"
          + "{\"name\":\"updated_at\",\"type\":\"timestamp\",\"required\":true}],"
          + "\"primaryKey\":[\"order_id\",\"updated_at\"]}";

  @BeforeAll
  static void setUp() throws SQLException {
    a = Fixtures.tenant("conn-a");
    b = Fixtures.tenant("conn-b");
    engineer = Fixtures.member(a, "engineer", "data-engineer");
    analyst = Fixtures.member(a, "analyst", "analyst");
    engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
    try (Connection c = mariadb();
        Statement s = c.createStatement()) {
      s.execute(
          "create table "
              + ORDERS
              + " (order_id bigint primary key, customer_id bigint not null, status varchar(20),"
              + " total decimal(12,2), updated_at timestamp(6) not null)");
    }
    insertOrders(1, 250, "2024-03-01T08:00:00");
  }

  @AfterAll
  static void dropTables() throws SQLException {
    try (Connection c = mariadb();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists " + ORDERS);
    }
  }

  static Connection mariadb() throws SQLException {
    return DriverManager.getConnection(MARIADB, "root", "");
  }

  static void insertOrders(int from, int to, String at) throws SQLException {
    try (Connection c = mariadb();
        PreparedStatement s =
            c.prepareStatement(
                "insert into "
                    + ORDERS
                    + " (order_id, customer_id, status, total, updated_at) values (?, ?, ?, ?, ?)")) {
      for (int i = from; i <= to; i++) {
        s.setLong(1, i);
        s.setLong(2, 1000 + i % 17);
        s.setString(3, "open");
        s.setBigDecimal(4, new java.math.BigDecimal(i).movePointLeft(1));
        s.setTimestamp(5, Timestamp.valueOf(LocalDateTime.parse(at).plusNanos(i * 1000L)));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  static String base(Fixtures.TestTenant t) {
    return "/api/tenants/" + t.slug();
  }

  static String jdbcConnection(String name, String dataset, String table, String schedule) {
    return "{\"name\":\""
        + name
        + "\",\"connector\":\"jdbc\",\"dataset\":\""
        + dataset
        + "\",\"schedule\":\""
        + schedule
        + "\",\"config\":{\"url\":\""
        + MARIADB
        + "\",\"user\":\"root\",\"table\":\""
        + table
        + "\",\"watermarkColumn\":\"updated_at\",\"keyColumns\":\"order_id\"}}";
  }

  static List<JsonObject> items(Reply r) {
    return r.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  static long count(Fixtures.TestTenant t, String token, String query) {
    Reply r = Api.post(base(t) + "/sql", token, "{\"sql\":" + Json.quote(query) + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rows").getJsonArray(0).getJsonNumber(0).longValue();
  }

  /** Waits until the connection has this many finished runs and returns the newest. */
  static JsonObject awaitRuns(Fixtures.TestTenant t, String token, String name, int finished) {
    JsonObject[] newest = new JsonObject[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<JsonObject> runs =
                  items(Api.get(base(t) + "/connections/" + name + "/runs", token));
              long done =
                  runs.stream().filter(r -> !r.getString("status").equals("running")).count();
              if (done >= finished) {
                newest[0] = runs.get(0);
                return true;
              }
              return false;
            });
    return newest[0];
  }

  @Test
  void theCatalogueShowsTheShippedConnectorsAndWhichOptionsAreSecret() {
    Reply r = Api.get(base(a) + "/connectors", analyst);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonObject jdbc =
        items(r).stream().filter(c -> c.getString("id").equals("jdbc")).findFirst().orElseThrow();
    assertThat(jdbc.getBoolean("shipped")).isTrue();
    assertThat(jdbc.getJsonArray("capabilities").toString()).contains("poll");
    JsonObject password =
        jdbc.getJsonArray("options").stream()
            .map(JsonValue::asJsonObject)
            .filter(o -> o.getString("name").equals("password"))
            .findFirst()
            .orElseThrow();
    assertThat(password.getBoolean("secret")).isTrue();
    assertThat(items(r)).anyMatch(c -> c.getString("id").equals("mqtt"));
  }

  @Test
  void anErpTableIsIngestedIncrementallyAndChangedRowsArriveOnTheNextRun() throws SQLException {
    Reply ds = Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("erp_orders"));
    assertThat(ds.status()).as(ds.toString()).isEqualTo(201);
    Reply made =
        Api.post(
            base(a) + "/connections",
            engineer,
            jdbcConnection("erp-orders", "erp_orders", ORDERS, "manual"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.json().getString("state")).isEqualTo("active");

    Reply run = Api.post(base(a) + "/connections/erp-orders/run", engineer, null);
    assertThat(run.status()).as(run.toString()).isEqualTo(202);
    JsonObject first = awaitRuns(a, engineer, "erp-orders", 1);
    assertThat(first.getString("status")).as(first.toString()).isEqualTo("succeeded");
    assertThat(first.getJsonNumber("rowsWritten").longValue()).isEqualTo(250);
    assertThat(count(a, engineer, "select count(*) from erp_orders")).isEqualTo(250);

    // Between runs the ERP changes 10 orders and takes 20 new ones.
    try (Connection c = mariadb();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "update "
              + ORDERS
              + " set status = 'shipped', updated_at = '2024-03-02 09:00:00.000000' where order_id"
              + " between 11 and 20");
    }
    insertOrders(251, 270, "2024-03-02T10:00:00");
    assertThat(Api.post(base(a) + "/connections/erp-orders/run", engineer, null).status())
        .isEqualTo(202);
    JsonObject second = awaitRuns(a, engineer, "erp-orders", 2);
    assertThat(second.getString("status")).as(second.toString()).isEqualTo("succeeded");
    assertThat(second.getJsonNumber("recordsRead").longValue()).isEqualTo(30);
    // Each change is a new row version keyed by (order_id, updated_at): nothing lost, nothing
    // twice.
    assertThat(count(a, engineer, "select count(*) from erp_orders")).isEqualTo(280);
    assertThat(count(a, engineer, "select count(*) from erp_orders where status = 'shipped'"))
        .isEqualTo(10);
    assertThat(count(a, engineer, "select count(distinct order_id) from erp_orders"))
        .isEqualTo(270);

    JsonObject conn = Api.get(base(a) + "/connections/erp-orders", analyst).json();
    assertThat(conn.getString("committedOffset")).contains("2024-03-02");
    // The version that holds the records carries the offset and the connection (lineage).
    Reply versions = Api.get(base(a) + "/datasets/erp_orders/versions", analyst);
    assertThat(versions.body()).contains("connection");
  }

  @Test
  void aCronScheduleRunsTheConnectionAtItsNextMinute() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("cron_orders"));
    Reply made =
        Api.post(
            base(a) + "/connections",
            engineer,
            jdbcConnection("cron-orders", "cron_orders", ORDERS, "cron * * * * *"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.json().getString("schedule")).isEqualTo("cron * * * * *");
    // Nobody asks for a run: the schedule fires at the start of the next minute (within 60 s).
    JsonObject run = awaitRuns(a, engineer, "cron-orders", 1);
    assertThat(run.getString("trigger")).isEqualTo("schedule");
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(Instant.parse(run.getString("startedAt")).atZone(ZoneOffset.UTC).getSecond())
        .as("fired on the minute")
        .isLessThan(10);
    assertThat(Api.post(base(a) + "/connections/cron-orders/pause", engineer, "{}").status())
        .isEqualTo(200);
  }

  @Test
  void aScheduledConnectionIsPolledOnlyByTheNodeHoldingItsLease() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("leased_orders"));
    Reply made =
        Api.post(
            base(a) + "/connections",
            engineer,
            jdbcConnection("leased-orders", "leased_orders", ORDERS, "manual"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String id =
        "(select connection_id from connection where tenant_id = '"
            + a.id()
            + "'::uuid and name = 'leased-orders')";
    // Another node holds the lease (as if it polled this connection a moment ago).
    assertThat(
            Db.superuserUpdate(
                "insert into connection_lease (tenant_id, connection_id, node_id, expires_at)"
                    + " select tenant_id, connection_id, 'node-elsewhere', now() + interval '1 hour'"
                    + " from connection where connection_id = "
                    + id))
        .isEqualTo(1);
    Reply every =
        Api.put(
            base(a) + "/connections/leased-orders",
            engineer,
            jdbcConnection("leased-orders", "leased_orders", ORDERS, "every 1s"));
    assertThat(every.status()).as(every.toString()).isEqualTo(200);
    // Several polling intervals pass: this node leaves the source alone.
    await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
    assertThat(items(Api.get(base(a) + "/connections/leased-orders/runs", engineer))).isEmpty();

    // The other node stops renewing (it crashed): its lease expires and this node takes over.
    Db.superuserUpdate(
        "update connection_lease set expires_at = now() - interval '1 second'"
            + " where connection_id = "
            + id);
    JsonObject run = awaitRuns(a, engineer, "leased-orders", 1);
    assertThat(run.getString("trigger")).isEqualTo("schedule");
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(
            Db.superuserCount(
                "select count(*) from connection_lease where connection_id = "
                    + id
                    + " and node_id <> 'node-elsewhere' and expires_at > now()"))
        .isEqualTo(1);

    // Paused here, the route stops and the lease is given up for another node.
    assertThat(Api.post(base(a) + "/connections/leased-orders/pause", engineer, "{}").status())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Db.superuserCount(
                        "select count(*) from connection_lease where connection_id = " + id)
                    == 0);
  }

  @Test
  void aConfigurationIsRefusedWithEveryProblemNamed() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("refused_orders"));
    Reply r =
        Api.post(
            base(a) + "/connections",
            engineer,
            "{\"name\":\"Bad Name\",\"connector\":\"jdbc\",\"dataset\":\"no_such\","
                + "\"schedule\":\"every 0s\",\"config\":{\"fetchSize\":\"many\",\"bogus\":\"1\"}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    String body = r.body();
    assertThat(body)
        .contains("name", "dataset", "schedule", "config.url", "config.fetchSize", "config.bogus");
    Reply unknown =
        Api.post(
            base(a) + "/connections",
            engineer,
            "{\"name\":\"x1\",\"connector\":\"sap-rfc\",\"dataset\":\"refused_orders\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body()).contains("sap-rfc", "jdbc");
    Reply stream =
        Api.post(
            base(a) + "/connections",
            engineer,
            jdbcConnection("x2", "refused_orders", ORDERS, "stream"));
    assertThat(stream.status()).isEqualTo(400);
    assertThat(stream.body()).contains("schedule");
  }

  @Test
  void secretsAreSealedAndNeverReturned() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("pg_orders"));
    String secret = "s3cret-" + UUID.randomUUID();
    Reply made =
        Api.post(
            base(a) + "/connections",
            engineer,
            "{\"name\":\"pg-orders\",\"connector\":\"jdbc\",\"dataset\":\"pg_orders\","
                + "\"schedule\":\"manual\",\"config\":{\"url\":\"jdbc:postgresql://127.0.0.1:5432/test\","
                + "\"user\":\"postgres\",\"password\":\""
                + secret
                + "\",\"table\":\"pg_catalog.pg_namespace\",\"keyColumns\":\"oid\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.body()).doesNotContain(secret).contains("\"secretsSet\":[\"password\"]");
    assertThat(Api.get(base(a) + "/connections/pg-orders", engineer).body()).doesNotContain(secret);
    assertThat(Api.get(base(a) + "/connections", engineer).body()).doesNotContain(secret);
    assertThat(Api.get(base(a) + "/audit", a.adminToken()).body()).doesNotContain(secret);
    assertThat(
            Db.superuserCount(
                "select count(*) from connection where name = 'pg-orders' and (config like ? or"
                    + " encode(secrets, 'escape') like ?)",
                "%" + secret + "%",
                "%" + secret + "%"))
        .isZero();
    // An update without the password keeps it (the test still reaches the source).
    Reply test = Api.post(base(a) + "/connections/pg-orders/test", engineer, null);
    assertThat(test.status()).as(test.toString()).isEqualTo(200);
    assertThat(test.json().getString("summary")).isNotBlank();
  }

  @Test
  void aConnectionThatKeepsFailingIsPausedWithTheReason() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("dead_orders"));
    Reply made =
        Api.post(
            base(a) + "/connections",
            engineer,
            "{\"name\":\"dead-erp\",\"connector\":\"jdbc\",\"dataset\":\"dead_orders\","
                + "\"schedule\":\"every 1s\",\"config\":{\"url\":\"jdbc:mariadb://127.0.0.1:1/test\","
                + "\"user\":\"root\",\"table\":\"orders\",\"keyColumns\":\"order_id\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                Api.get(base(a) + "/connections/dead-erp", engineer)
                    .json()
                    .getString("state")
                    .equals("paused"));
    JsonObject c = Api.get(base(a) + "/connections/dead-erp", engineer).json();
    assertThat(c.getString("pausedReason")).contains("failed runs");
    List<JsonObject> runs = items(Api.get(base(a) + "/connections/dead-erp/runs", engineer));
    assertThat(runs)
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(r -> r.getString("status").equals("failed"));
    assertThat(runs.get(0).getString("error")).isNotBlank();
    Reply resumed = Api.post(base(a) + "/connections/dead-erp/resume", engineer, null);
    assertThat(resumed.json().getString("state")).isEqualTo("active");
    Api.post(base(a) + "/connections/dead-erp/pause", engineer, null);
  }

  @Test
  void twoTenantsWithTheSameConnectorNeverSeeEachOthersConnections() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("iso_orders"));
    Api.post(base(b) + "/datasets", engineerOfB, ORDERS_DATASET.formatted("iso_orders"));
    assertThat(
            Api.post(
                    base(a) + "/connections",
                    engineer,
                    jdbcConnection("iso-a", "iso_orders", ORDERS, "manual"))
                .status())
        .isEqualTo(201);
    assertThat(Api.get(base(b) + "/connections/iso-a", engineerOfB).status()).isEqualTo(404);
    assertThat(Api.get(base(b) + "/connections/iso-a/runs", engineerOfB).status()).isEqualTo(404);
    assertThat(Api.post(base(b) + "/connections/iso-a/run", engineerOfB, null).status())
        .isEqualTo(404);
    assertThat(Api.delete(base(b) + "/connections/iso-a", engineerOfB).status()).isEqualTo(404);
    assertThat(Api.get(base(b) + "/connections", engineerOfB).body()).doesNotContain("iso-a");
    // B's token on A's URL is refused at the edge.
    assertThat(Api.get(base(a) + "/connections/iso-a", engineerOfB).status()).isIn(403, 404);
    // A's connection cannot point at B's dataset: names resolve inside A only.
    assertThat(
            Api.post(
                    base(a) + "/connections",
                    engineer,
                    jdbcConnection("iso-a2", "only_in_b", ORDERS, "manual"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void rolesAreEnforcedAndADatasetWithAConnectionCannotBeDeleted() {
    Api.post(base(a) + "/datasets", engineer, ORDERS_DATASET.formatted("kept_orders"));
    assertThat(
            Api.post(
                    base(a) + "/connections",
                    analyst,
                    jdbcConnection("by-analyst", "kept_orders", ORDERS, "manual"))
                .status())
        .isEqualTo(403);
    assertThat(
            Api.post(
                    base(a) + "/connections",
                    engineer,
                    jdbcConnection("keeper", "kept_orders", ORDERS, "manual"))
                .status())
        .isEqualTo(201);
    Reply delete = Api.delete(base(a) + "/datasets/kept_orders", engineer);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.body()).contains("keeper");
    assertThat(Api.delete(base(a) + "/connections/keeper", engineer).status()).isEqualTo(204);
    assertThat(Api.delete(base(a) + "/datasets/kept_orders", engineer).status()).isEqualTo(204);
  }
}
