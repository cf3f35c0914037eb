package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.RecordSink;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import io.millwright.plugin.api.connector.kit.CollectingSink;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Payload shapes end to end through the machine's broker, on both protocols. */
class MqttPayloadsTest {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final List<String> CLIENT_IDS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void forgetSessions() {
    Broker.forgetSessions(CLIENT_IDS);
  }

  private static Map<String, String> config(String protocol, String prefix, String... more) {
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    return TestSupport.config(protocol, prefix + "/#", clientId, more);
  }

  /** A sink that keeps each record with its own acknowledgement. */
  static final class KeepingSink implements RecordSink {
    final List<SourceRecord> records = new CopyOnWriteArrayList<>();
    final List<Acknowledgement> acks = new CopyOnWriteArrayList<>();
    volatile ConnectorException failure;

    @Override
    public void accept(SourceRecord record, Acknowledgement ack) {
      acks.add(ack);
      records.add(record);
    }

    @Override
    public void failed(ConnectorException cause) {
      failure = cause;
    }

    List<SourceRecord> await(int count) throws InterruptedException {
      TestSupport.await(WAIT, () -> records.size() >= count);
      return new ArrayList<>(records);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void anArrayIsSeveralRecordsAcknowledgedOnlyWhenAllOfThemAre(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("array");
    Map<String, String> config = config(protocol, prefix);
    String topic = prefix + "/line-1";

    KeepingSink first = new KeepingSink();
    StreamingSource source = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    source.start(first);
    Broker.publish(
        topic, "[{\"id\":\"a\",\"v\":1}, {\"id\":\"b\",\"v\":2}, {\"id\":\"c\",\"v\":3}]");
    List<SourceRecord> records = first.await(3);
    assertThat(records).extracting(r -> r.values().get("id")).containsExactly("a", "b", "c");
    assertThat(records.get(0).origin()).startsWith(topic + " #").endsWith("[0]");
    assertThat(records.get(2).origin()).endsWith("[2]");
    // Two of three committed, then the process stops.
    first.acks.get(0).acknowledge();
    first.acks.get(1).acknowledge();
    first.acks.get(1).acknowledge(); // a second call of the same acknowledgement counts once
    source.close();

    KeepingSink second = new KeepingSink();
    StreamingSource again = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    again.start(second);
    assertThat(second.await(3))
        .as("the whole message comes again")
        .extracting(r -> r.values().get("id"))
        .containsExactly("a", "b", "c");
    for (Acknowledgement ack : second.acks) {
      ack.acknowledge();
    }
    again.close();

    KeepingSink third = new KeepingSink();
    StreamingSource last = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    last.start(third);
    Broker.publish(topic, "{\"id\":\"marker\"}");
    third.await(1);
    Thread.sleep(1000); // a redelivery would come with or right after the marker
    last.close();
    assertThat(third.records).extracting(r -> r.values().get("id")).containsExactly("marker");
    assertThat(first.failure).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void csvLinesAreRecordsByTheConfiguredColumns(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("csv");
    Map<String, String> config =
        config(protocol, prefix, "payload", "csv", "csvColumns", "sensor, ts, value");
    CollectingSink sink = new CollectingSink();
    StreamingSource source = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    source.start(sink);
    try {
      Broker.publish(
          prefix + "/bulk",
          "sensor,ts,value\r\nt-1,2024-05-01T10:00:00Z,21.5\r\n\"t-2, north\",2024-05-01T10:00:01Z,\r\n");
      Broker.publish(prefix + "/one", "t-3,2024-05-01T10:00:02Z,19");
      Broker.publish(prefix + "/bad", "t-4,2024-05-01T10:00:03Z");
      List<SourceRecord> read = sink.awaitRecords(4, WAIT);
      assertThat(read).hasSize(4);
      assertThat(read.get(0).values())
          .containsExactly(
              Map.entry("sensor", "t-1"),
              Map.entry("ts", "2024-05-01T10:00:00Z"),
              Map.entry("value", "21.5"));
      assertThat(read.get(0).origin()).endsWith("line 2");
      assertThat(read.get(1).values()).containsEntry("sensor", "t-2, north");
      assertThat(read.get(1).values().get("value")).as("an empty cell is null").isNull();
      assertThat(read.get(2).values()).containsEntry("value", "19");
      assertThat(read.get(3).isUnreadable()).isTrue();
      assertThat(read.get(3).raw()).isEqualTo("t-4,2024-05-01T10:00:03Z");
      assertThat(read.get(3).problem()).contains("2 cells").contains("3");
      sink.acknowledgeAll();
    } finally {
      source.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void nestedJsonIsFlattenedTypedAndTheTopicAdded(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("nested");
    Map<String, String> config = config(protocol, prefix, "topicField", "topic");
    CollectingSink sink = new CollectingSink();
    StreamingSource source = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    source.start(sink);
    try {
      String topic = prefix + "/line-1/press";
      Broker.publish(
          topic,
          """
          {
            "sensor": {"id": "p-7", "pos": {"x": 1.5, "y": -2}},
            "readings": [1, 2.5, {"k": null}],
            "ok": true, "none": null,
            "count": 9007199254740993,
            "huge": 123456789012345678901234567890,
            "precise": 0.1000000000000000055511151231257827,
            "temp": 21.5, "exp": 1e3,
            "topic": "ignored: the configured field wins"
          }
          """);
      Broker.publish(topic, "42.5");
      SourceRecord r = sink.awaitRecords(2, WAIT).get(0);
      assertThat(r.values().keySet())
          .containsExactly(
              "topic",
              "sensor.id",
              "sensor.pos.x",
              "sensor.pos.y",
              "readings",
              "ok",
              "none",
              "count",
              "huge",
              "precise",
              "temp",
              "exp");
      assertThat(r.values())
          .containsEntry("topic", topic)
          .containsEntry("sensor.id", "p-7")
          .containsEntry("sensor.pos.x", 1.5)
          .containsEntry("sensor.pos.y", -2L)
          .containsEntry("readings", "[1,2.5,{\"k\":null}]")
          .containsEntry("ok", true)
          .containsEntry("none", null)
          .containsEntry("count", 9007199254740993L)
          .containsEntry("huge", new BigDecimal("123456789012345678901234567890"))
          .containsEntry("precise", new BigDecimal("0.1000000000000000055511151231257827"))
          .containsEntry("temp", 21.5)
          .containsEntry("exp", 1000.0);
      SourceRecord scalar = sink.records().get(1);
      assertThat(scalar.values())
          .containsExactly(Map.entry("topic", topic), Map.entry("value", 42.5));
      sink.acknowledgeAll();
    } finally {
      source.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void unicodeTopicsAndPayloadsSurviveAndNonUtf8IsKeptAsBase64(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("unicode");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    Map<String, String> config =
        TestSupport.config(protocol, prefix + "/capteurs/+", clientId, "topicField", "où");
    CollectingSink sink = new CollectingSink();
    StreamingSource source = TestSupport.CONNECTOR.openStreaming(TestSupport.context(config));
    source.start(sink);
    try {
      String topic = prefix + "/capteurs/température-Zürich";
      Broker.publish(topic, "{\"lieu\":\"Zürich ☃ \\u00e9 😀\",\"名前\":\"温度计\"}");
      byte[] latin1 = "{\"lieu\":\"Zürich\"}".getBytes(StandardCharsets.ISO_8859_1);
      Broker.publishBytes(topic, latin1);
      List<SourceRecord> read = sink.awaitRecords(2, WAIT);
      assertThat(read.get(0).values())
          .containsEntry("où", topic)
          .containsEntry("lieu", "Zürich ☃ é 😀")
          .containsEntry("名前", "温度计");
      assertThat(read.get(0).origin()).startsWith(topic + " #");
      assertThat(read.get(1).isUnreadable()).isTrue();
      assertThat(read.get(1).problem()).contains("not UTF-8");
      assertThat(Base64.getDecoder().decode(read.get(1).raw())).isEqualTo(latin1);
      sink.acknowledgeAll();
    } finally {
      source.close();
    }
  }
}
