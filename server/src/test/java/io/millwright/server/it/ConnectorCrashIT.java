package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across a crash: the server is killed with SIGKILL in the middle of ingesting from
 * MariaDB and from Mosquitto, started again, and the dataset ends up holding every source record
 * exactly once, because offsets (JDBC) are committed with the data and acknowledgements (MQTT) are
 * sent only after it.
 */
class ConnectorCrashIT {

  static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

  static long count(Fixtures.TestTenant t, String token, String query) {
    Reply r =
        Api.post("/api/tenants/" + t.slug() + "/sql", token, "{\"sql\":" + Json.quote(query) + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rows").getJsonArray(0).getJsonNumber(0).longValue();
  }

  static String committedOffset(Fixtures.TestTenant t, String token, String name) {
    Reply r = Api.get("/api/tenants/" + t.slug() + "/connections/" + name, token);
    return r.status() == 200 && !r.json().isNull("committedOffset")
        ? r.json().getString("committedOffset")
        : null;
  }

  @Test
  void aJdbcIngestionKilledMidwayResumesWithEveryRowExactlyOnce() throws Exception {
    Fixtures.TestTenant t = Fixtures.tenant("crash-jdbc");
    String engineer = Fixtures.member(t, "engineer", "data-engineer");
    String table = "it_crash_lines_" + SUFFIX;
    int rows = 200_000;
    try (Connection c = ConnectionsIT.mariadb();
        Statement s = c.createStatement()) {
      s.execute(
          "create table "
              + table
              + " (line_id bigint primary key, sku varchar(20), qty int, changed_at timestamp(6))");
    }
    try (Connection c = ConnectionsIT.mariadb();
        PreparedStatement s = c.prepareStatement("insert into " + table + " values (?, ?, ?, ?)")) {
      LocalDateTime start = LocalDateTime.parse("2024-01-01T00:00:00");
      for (int i = 1; i <= rows; i++) {
        s.setLong(1, i);
        s.setString(2, "SKU-" + (i % 500));
        s.setInt(3, i % 7);
        s.setTimestamp(4, Timestamp.valueOf(start.plusSeconds(i / 3)));
        s.addBatch();
        if (i % 10_000 == 0) {
          s.executeBatch();
        }
      }
    }
    String base = "/api/tenants/" + t.slug();
    assertThat(
            Api.post(
                    base + "/datasets",
                    engineer,
                    "{\"name\":\"order_lines\",\"columns\":[{\"name\":\"line_id\",\"type\":\"integer\"},"
                        + "{\"name\":\"sku\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"integer\"},"
                        + "{\"name\":\"changed_at\",\"type\":\"timestamp\"}],\"primaryKey\":[\"line_id\"]}")
                .status())
        .isEqualTo(201);
    Reply made =
        Api.post(
            base + "/connections",
            engineer,
            "{\"name\":\"lines\",\"connector\":\"jdbc\",\"dataset\":\"order_lines\","
                + "\"schedule\":\"every 2s\",\"batchRecords\":10000,\"config\":{\"url\":\""
                + ConnectionsIT.MARIADB
                + "\",\"user\":\"root\",\"table\":\""
                + table
                + "\",\"watermarkColumn\":\"changed_at\",\"keyColumns\":\"line_id\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);

    // Kill once some batches are committed and the rest are not.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> committedOffset(t, engineer, "lines") != null);
    LibertyServer.killHard();
    long committedBefore =
        Db.superuserCount(
            "select coalesce(sum(rows_written), 0) from dataset_upload u join dataset d on"
                + " d.dataset_id = u.dataset_id where d.name = 'order_lines' and u.status ="
                + " 'committed' and d.tenant_id = ?::uuid",
            t.id());
    LibertyServer.start();

    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> count(t, engineer, "select count(*) from order_lines") >= rows);
    assertThat(count(t, engineer, "select count(*) from order_lines")).isEqualTo(rows);
    assertThat(count(t, engineer, "select count(distinct line_id) from order_lines"))
        .isEqualTo(rows);
    assertThat(committedBefore).as("the kill came after some commits").isPositive();
    assertThat(committedBefore).as("and before the end").isLessThan(rows);
    assertThat(
            Db.superuserCount(
                "select count(*) from connection_run r join connection c on c.connection_id ="
                    + " r.connection_id where c.name = 'lines' and r.status = 'interrupted' and"
                    + " c.tenant_id = ?::uuid",
                t.id()))
        .isGreaterThanOrEqualTo(1);
    Api.post(base + "/connections/lines/pause", engineer, null);
    try (Connection c = ConnectionsIT.mariadb();
        Statement s = c.createStatement()) {
      s.execute("drop table " + table);
    }
  }

  static void publish(MqttClient publisher, String topic, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      String json =
          "{\"sensor\":\"s-" + (i % 10) + "\",\"seq\":" + i + ",\"value\":" + (i % 100) + ".5}";
      MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      publisher.publish(topic + "/s-" + (i % 10), m);
    }
  }

  @Test
  void anMqttStreamKilledMidwayLosesNothingAndDuplicatesNothing() throws Exception {
    Fixtures.TestTenant t = Fixtures.tenant("crash-mqtt");
    String engineer = Fixtures.member(t, "engineer", "data-engineer");
    String base = "/api/tenants/" + t.slug();
    String topic = "it/" + SUFFIX + "/sensors";
    String broker =
        System.getenv().getOrDefault("MILLWRIGHT_TEST_MQTT_URL", "tcp://127.0.0.1:1883");
    assertThat(
            Api.post(
                    base + "/datasets",
                    engineer,
                    "{\"name\":\"readings\",\"columns\":[{\"name\":\"sensor\",\"type\":\"string\"},"
                        + "{\"name\":\"seq\",\"type\":\"integer\"},{\"name\":\"value\",\"type\":\"decimal\"}],"
                        + "\"primaryKey\":[\"sensor\",\"seq\"]}")
                .status())
        .isEqualTo(201);
    Reply made =
        Api.post(
            base + "/connections",
            engineer,
            "{\"name\":\"line-sensors\",\"connector\":\"mqtt\",\"dataset\":\"readings\","
                + "\"schedule\":\"stream\",\"batchRecords\":100,\"batchWait\":\"300ms\","
                + "\"config\":{\"brokerUrl\":\""
                + broker
                + "\",\"topics\":\""
                + topic
                + "/#\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Api.get(base + "/connections/line-sensors", engineer)
                    .json()
                    .getJsonObject("live")
                    .getString("state")
                    .equals("streaming"));

    // 3000 messages while the server ingests them in small batches; the kill comes mid-way.
    // 800 more while it is down: the broker keeps them for the persistent session (the test broker
    // is configured as a sensor broker must be: max_queued_messages 0, see the admin guide).
    int before = 3000;
    int during = 800;
    int total = before + during;
    MqttClient publisher = new MqttClient(broker, "it-pub-" + SUFFIX, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    publisher.connect(options);
    publish(publisher, topic, 0, before);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> count(t, engineer, "select count(*) from readings") > 300);
    LibertyServer.killHard();
    long committedAtKill =
        Db.superuserCount(
            "select coalesce(sum(rows_written), 0) from dataset_upload u join dataset d on"
                + " d.dataset_id = u.dataset_id where d.name = 'readings' and u.status ="
                + " 'committed' and d.tenant_id = ?::uuid",
            t.id());
    publish(publisher, topic, before, during);
    publisher.disconnect();
    publisher.close();
    LibertyServer.start();

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> count(t, engineer, "select count(*) from readings") >= total);
    Thread.sleep(2000); // a late duplicate would land now
    assertThat(committedAtKill).as("killed mid-way").isPositive().isLessThan(before);
    assertThat(count(t, engineer, "select count(*) from readings")).isEqualTo(total);
    assertThat(count(t, engineer, "select count(distinct seq) from readings")).isEqualTo(total);
    Api.post(base + "/connections/line-sensors/pause", engineer, null);
  }
}
