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
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

  static final int MESSAGES = 100_000;

  /**
   * MQTT sensor readings through the server into a dataset, sustained over 100,000 QoS 1 messages,
   * against a plain Paho subscriber taking the same messages from the same broker in the same run.
   * Zero loss is checked (every seq once); the figure is from the first publish to the commit of
   * the last message.
   */
  @Test
  void mqttIntoADatasetAgainstAPlainSubscriber() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    String broker =
        System.getenv().getOrDefault("MILLWRIGHT_TEST_MQTT_URL", "tcp://127.0.0.1:1883");
    String run = UUID.randomUUID().toString().substring(0, 8);

    // Baseline: a plain subscriber (QoS 1, automatic acks) while the same publisher publishes.
    String baseTopic = "bench/" + run + "/plain";
    java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(MESSAGES);
    MqttClient plain = new MqttClient(broker, "bench-plain-" + run, new MemoryPersistence());
    MqttConnectOptions subOptions = new MqttConnectOptions();
    subOptions.setCleanSession(true);
    subOptions.setMaxInflight(1000);
    plain.connect(subOptions);
    plain.subscribe(baseTopic + "/#", 1, (topic, message) -> all.countDown());
    MqttAsyncClient publisher = publisher(broker, run);
    long t0 = System.nanoTime();
    publish(publisher, baseTopic, MESSAGES);
    assertThat(all.await(10, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    double plainRate = MESSAGES / ((System.nanoTime() - t0) / 1e9);
    plain.disconnect();
    plain.close();

    Fixtures.TestTenant t = Fixtures.tenant("bench-mqtt");
    String engineer = Fixtures.member(t, "engineer", "data-engineer");
    String base = "/api/tenants/" + t.slug();
    assertThat(
            Api.post(
                    base + "/datasets",
                    engineer,
                    "{\"name\":\"readings\",\"columns\":[{\"name\":\"sensor\",\"type\":\"string\"},"
                        + "{\"name\":\"seq\",\"type\":\"integer\"},"
                        + "{\"name\":\"value\",\"type\":\"decimal\"}],"
                        + "\"primaryKey\":[\"sensor\",\"seq\"]}")
                .status())
        .isEqualTo(201);
    String topic = "bench/" + run + "/line";
    Reply made =
        Api.post(
            base + "/connections",
            engineer,
            "{\"name\":\"sensors\",\"connector\":\"mqtt\",\"dataset\":\"readings\","
                + "\"schedule\":\"stream\",\"batchRecords\":10000,\"batchWait\":\"1s\","
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
                Api.get(base + "/connections/sensors", engineer)
                    .json()
                    .getJsonObject("live")
                    .getString("state")
                    .equals("streaming"));
    long t1 = System.nanoTime();
    publish(publisher, topic, MESSAGES);
    double published = MESSAGES / ((System.nanoTime() - t1) / 1e9);
    await()
        .atMost(Duration.ofMinutes(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                Db.superuserCount(
                        "select coalesce(sum(rows_written), 0) from dataset_upload u join dataset d"
                            + " on d.dataset_id = u.dataset_id where d.name = 'readings' and"
                            + " u.status = 'committed' and d.tenant_id = ?::uuid",
                        t.id())
                    >= MESSAGES);
    double seconds = (System.nanoTime() - t1) / 1e9;
    publisher.disconnect().waitForCompletion(10_000);
    publisher.close();
    Api.post(base + "/connections/sensors/pause", engineer, null);
    assertThat(ConnectionsIT.count(t, engineer, "select count(*) from readings"))
        .isEqualTo(MESSAGES);
    assertThat(ConnectionsIT.count(t, engineer, "select count(distinct seq) from readings"))
        .isEqualTo(MESSAGES);
    long commits =
        Db.superuserCount(
            "select count(*) from dataset_upload u join dataset d on d.dataset_id = u.dataset_id"
                + " where d.name = 'readings' and u.status = 'committed' and d.tenant_id = ?::uuid",
            t.id());
    double rate = MESSAGES / seconds;
    Bench.report(
        "mqtt connector, "
            + MESSAGES
            + " QoS 1 messages Mosquitto -> dataset, zero loss: "
            + Bench.f(rate)
            + " msg/s sustained ("
            + Bench.f(seconds)
            + " s, "
            + commits
            + " commits; published at "
            + Bench.f(published)
            + " msg/s); plain Paho subscriber on the same broker: "
            + Bench.f(plainRate)
            + " msg/s; ratio "
            + Bench.f(rate / plainRate));
  }

  /** A fast publisher: asynchronous QoS 1 with up to 1,000 messages in flight. */
  private static MqttAsyncClient publisher(String broker, String run) throws Exception {
    MqttAsyncClient publisher =
        new MqttAsyncClient(broker, "bench-pub-" + run, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMaxInflight(1000);
    publisher.connect(options).waitForCompletion(10_000);
    return publisher;
  }

  /** Publishes readings like ConnectorCrashIT's, returning once the broker acknowledged all. */
  private static void publish(MqttAsyncClient publisher, String topic, int count) throws Exception {
    java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(900);
    for (int i = 0; i < count; i++) {
      String json =
          "{\"sensor\":\"s-" + (i % 10) + "\",\"seq\":" + i + ",\"value\":" + (i % 100) + ".5}";
      MqttMessage m = new MqttMessage(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      m.setQos(1);
      window.acquire();
      publisher.publish(
          topic + "/s-" + (i % 10),
          m,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              window.release();
              throw new IllegalStateException("publish failed", e);
            }
          });
    }
    window.acquire(900); // every message acknowledged by the broker
    window.release(900);
  }
}
