package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import io.millwright.plugin.api.connector.kit.CollectingSink;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many messages the broker sends before it waits for acknowledgements: the window a host that
 * acknowledges only after a commit has to live with. Publishes 1000 messages, accepts without
 * acknowledging, counts what arrives; then acknowledges and checks that all 1000 come.
 */
class InflightWindowTest {

  private static final int MESSAGES = Integer.getInteger("window.messages", 1000);
  private static final List<String> CLIENT_IDS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterAll
  static void forgetSessions() {
    Broker.forgetSessions(CLIENT_IDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void theBrokerStopsAtItsWindowUntilAcknowledgedAndLosesNothing(String protocol) throws Exception {
    String prefix = Broker.uniquePrefix("window");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    StreamingSource source =
        TestSupport.CONNECTOR.openStreaming(
            TestSupport.context(TestSupport.config(protocol, prefix + "/#", clientId)));
    CollectingSink sink = new CollectingSink();
    source.start(sink);
    try {
      try (Broker.Publisher p = Broker.publisher()) {
        for (int i = 0; i < MESSAGES; i++) {
          p.publish(prefix + "/s", "{\"seq\":" + i + "}");
        }
      }
      int window =
          TestSupport.awaitSettled(
              () -> sink.records().size(), Duration.ofSeconds(1), Duration.ofSeconds(20));
      System.out.printf(
          "MQTT %s: %d of %d messages arrived without acknowledgements (the in-flight window)%n",
          protocol, window, MESSAGES);
      assertThat(window).isPositive();

      // Acknowledge as a host would after each commit, until everything came.
      Set<Long> seen = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seen.size() < MESSAGES && System.nanoTime() < deadline) {
        sink.acknowledgeAll();
        for (SourceRecord r : sink.records()) {
          seen.add((Long) r.values().get("seq"));
        }
        Thread.sleep(5);
      }
      sink.acknowledgeAll();
      assertThat(seen).as("every message arrives once acknowledged").hasSize(MESSAGES);
      assertThat(sink.records()).as("and none twice").hasSize(MESSAGES);
    } finally {
      source.close();
    }
  }

  /**
   * Mosquitto 2.0.11 with 3.1.1: 20 messages (max_inflight_messages) arrive before any
   * acknowledgement, but once messages are queued each single PUBACK releases up to another 20, not
   * one: the number of unacknowledged messages grows while acknowledgements flow. Prints the steps.
   */
  @org.junit.jupiter.api.Test
  void eachAcknowledgementReleasesUpToAWholeWindowOfQueuedMessages() throws Exception {
    String prefix = Broker.uniquePrefix("window-ack");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    MqttPayloadsTest.KeepingSink sink = new MqttPayloadsTest.KeepingSink();
    StreamingSource source =
        TestSupport.CONNECTOR.openStreaming(
            TestSupport.context(TestSupport.config("3.1.1", prefix + "/#", clientId)));
    source.start(sink);
    try {
      try (Broker.Publisher p = Broker.publisher()) {
        for (int i = 0; i < 500; i++) {
          p.publish(prefix + "/s", "{\"seq\":" + i + "}");
        }
      }
      int before =
          TestSupport.awaitSettled(
              () -> sink.records.size(), Duration.ofSeconds(1), Duration.ofSeconds(20));
      StringBuilder steps = new StringBuilder();
      int received = before;
      for (int k = 0; k < 4; k++) {
        sink.acks.get(k).acknowledge();
        int now =
            TestSupport.awaitSettled(
                () -> sink.records.size(), Duration.ofSeconds(1), Duration.ofSeconds(20));
        steps.append(" +").append(now - received);
        received = now;
      }
      System.out.printf(
          "MQTT 3.1.1: %d arrive unacknowledged; each single acknowledgement then brings%s"
              + " (%d unacknowledged after 4 acknowledgements)%n",
          before, steps, received - 4);
      assertThat(before).isPositive();
      for (var ack : sink.acks) {
        ack.acknowledge();
      }
    } finally {
      source.close();
    }
  }
}
