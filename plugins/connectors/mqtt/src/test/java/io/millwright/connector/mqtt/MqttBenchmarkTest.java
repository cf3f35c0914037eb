package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.RecordSink;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput through the connector against a plain Paho subscriber, on the machine's Mosquitto:
 * 100,000 small JSON sensor messages published at QoS 1 as fast as one publisher can, received with
 * a sink that acknowledges every N records as a host would after each commit (and, like a host with
 * a maximum wait, also when nothing arrived for {@value #LINGER_MS} ms). Prints messages/s, the
 * ratio to the baseline of the same run, and what was lost or duplicated. Asserts no time.
 *
 * <p>{@code ./mvnw -q -pl plugins/connectors/mqtt test -Dtest=MqttBenchmarkTest -Dbenchmarks=true}
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class MqttBenchmarkTest {

  private static final int MEASURED = Integer.getInteger("benchmark.messages", 100_000);

  /** Messages per run: a short warm-up first, so the JIT does not favour later runs. */
  private static volatile int MESSAGES = 10_000;

  private static final int[] BATCHES =
      java.util.Arrays.stream(System.getProperty("benchmark.batches", "1,20,1000").split(","))
          .mapToInt(Integer::parseInt)
          .toArray();
  private static final String[] PROTOCOLS =
      System.getProperty("benchmark.protocols", "5,3.1.1").split(",");

  /** The broker of the current runs: the machine's, then a private one without queue limit. */
  private static volatile String url = Broker.URL;

  /** Messages the broker acknowledged to the publisher in the current run. */
  private static final AtomicLong PUBLISHED = new AtomicLong();

  private static final long LINGER_MS = 20;
  private static final long QUIET_MS = 5_000;
  private static final long MAX_MS = 120_000;

  record Result(String name, int distinct, long total, long nanos, int maxUnacked, long maxLag) {
    double perSecond() {
      return distinct / (nanos / 1e9);
    }

    int missing() {
      return MESSAGES - distinct;
    }

    long duplicates() {
      return total - distinct;
    }
  }

  @Test
  void throughputAgainstAPlainPahoSubscriber(@TempDir Path dir) throws Exception {
    MESSAGES = 10_000;
    baseline("5");
    throughConnector("5", 20);
    MESSAGES = MEASURED;
    List<String> report = new ArrayList<>();
    report.add(
        String.format(
            Locale.ROOT,
            "MQTT benchmark: %,d JSON messages at QoS 1, one publisher, %d cores",
            MESSAGES,
            Runtime.getRuntime().availableProcessors()));
    report.add(" the machine's Mosquitto (" + Broker.URL + ", default max_queued_messages 1000):");
    runAll(report);
    if (PrivateMosquitto.available() && !Boolean.getBoolean("benchmark.systemBrokerOnly")) {
      try (PrivateMosquitto broker =
          new PrivateMosquitto(dir, null, null, "max_queued_messages 0")) {
        url = broker.url();
        report.add(" a private Mosquitto with max_queued_messages 0 (no per-client queue limit):");
        runAll(report);
      } finally {
        url = Broker.URL;
      }
    }
    System.out.println();
    report.forEach(System.out::println);
  }

  private void runAll(List<String> report) throws Exception {
    for (String protocol : PROTOCOLS) {
      Result baseline = baseline(protocol);
      report.add(line(baseline, baseline));
      for (int n : BATCHES) {
        report.add(line(throughConnector(protocol, n), baseline));
      }
    }
  }

  private static void forget(String clientId) {
    if (url.equals(Broker.URL)) {
      Broker.forgetSession(clientId);
    }
  }

  private static String line(Result r, Result baseline) {
    return String.format(
        Locale.ROOT,
        "  %-42s %,9.0f msg/s  %5.2fx baseline  received %,d/%,d  lost %,d  duplicates %,d"
            + "  max lag %,d%s",
        r.name(),
        r.perSecond(),
        r.perSecond() / baseline.perSecond(),
        r.distinct(),
        MESSAGES,
        r.missing(),
        r.duplicates(),
        r.maxLag(),
        r.maxUnacked() > 0 ? "  max unacknowledged " + r.maxUnacked() : "");
  }

  // ---- the publisher ----------------------------------------------------------------------------

  /** Publishes every sequence number once at QoS 1, up to 1000 in flight. */
  private static Thread publish(String topic) {
    PUBLISHED.set(0);
    Thread t =
        new Thread(
            () -> {
              try {
                MqttAsyncClient client =
                    new MqttAsyncClient(
                        url,
                        "mwbench-pub-" + UUID.randomUUID().toString().substring(0, 8),
                        new MemoryPersistence());
                Semaphore window = new Semaphore(1000);
                client.setCallback(
                    new MqttCallback() {
                      @Override
                      public void connectionLost(Throwable cause) {}

                      @Override
                      public void messageArrived(String t, MqttMessage m) {}

                      @Override
                      public void deliveryComplete(IMqttDeliveryToken token) {
                        PUBLISHED.incrementAndGet();
                        window.release();
                      }
                    });
                MqttConnectOptions o = new MqttConnectOptions();
                o.setMaxInflight(1000);
                o.setCleanSession(true);
                client.connect(o).waitForCompletion();
                for (int seq = 0; seq < MESSAGES; seq++) {
                  window.acquire();
                  String json =
                      "{\"sensor\":\"s-"
                          + (seq % 50)
                          + "\",\"seq\":"
                          + seq
                          + ",\"ts\":"
                          + (1_700_000_000_000L + seq)
                          + ",\"temp\":"
                          + (20 + (seq % 100) / 10.0)
                          + "}";
                  MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
                  m.setQos(1);
                  client.publish(topic, m);
                }
                window.acquire(1000); // all acknowledged by the broker
                client.disconnect().waitForCompletion();
                client.close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "bench-publisher");
    t.start();
    return t;
  }

  /** Waits until every sequence number came or nothing new came for a while. */
  private static long maxLag;

  private static long awaitAll(BitSet seen, AtomicLong lastArrival, long start)
      throws InterruptedException {
    maxLag = 0;
    while (true) {
      synchronized (seen) {
        int received = seen.cardinality();
        maxLag = Math.max(maxLag, PUBLISHED.get() - received);
        if (received >= MESSAGES) {
          return lastArrival.get() - start;
        }
      }
      long now = System.nanoTime();
      if (now - lastArrival.get() > TimeUnit.MILLISECONDS.toNanos(QUIET_MS)
          || now - start > TimeUnit.MILLISECONDS.toNanos(MAX_MS)) {
        return lastArrival.get() - start;
      }
      Thread.sleep(2);
    }
  }

  private static int seqOf(byte[] payload) {
    String s = new String(payload, StandardCharsets.UTF_8);
    int i = s.indexOf("\"seq\":") + 6;
    int j = s.indexOf(',', i);
    return Integer.parseInt(s.substring(i, j));
  }

  // ---- baseline: plain Paho, automatic acknowledgements -------------------------------------

  private Result baseline(String protocol) throws Exception {
    String topic = Broker.uniquePrefix("bench-base") + "/s";
    String clientId = Broker.uniqueClientId();
    BitSet seen = new BitSet(MESSAGES);
    AtomicLong total = new AtomicLong();
    AtomicLong last = new AtomicLong(System.nanoTime());
    long start;
    long nanos;
    if (protocol.equals("5")) {
      var client =
          new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
              url, clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
      client.setCallback(
          new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

            @Override
            public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
              record(seen, total, last, seqOf(m.getPayload()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(
                int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
          });
      var o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
      o.setCleanStart(false);
      o.setSessionExpiryInterval(600L);
      o.setReceiveMaximum(V5Client.RECEIVE_MAXIMUM);
      client.connect(o).waitForCompletion();
      client.subscribe(topic, 1).waitForCompletion();
      start = System.nanoTime();
      last.set(start);
      Thread publisher = publish(topic);
      nanos = awaitAll(seen, last, start);
      publisher.join();
      client.disconnect().waitForCompletion();
      client.close();
    } else {
      MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
      client.setCallback(
          new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String t, MqttMessage m) {
              record(seen, total, last, seqOf(m.getPayload()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
          });
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(false);
      client.connect(o).waitForCompletion();
      client.subscribe(topic, 1).waitForCompletion();
      start = System.nanoTime();
      last.set(start);
      Thread publisher = publish(topic);
      nanos = awaitAll(seen, last, start);
      publisher.join();
      client.disconnect().waitForCompletion();
      client.close();
    }
    forget(clientId);
    synchronized (seen) {
      return new Result(
          "MQTT " + protocol + " plain Paho, auto ack",
          seen.cardinality(),
          total.get(),
          nanos,
          0,
          maxLag);
    }
  }

  private static void record(BitSet seen, AtomicLong total, AtomicLong last, int seq) {
    synchronized (seen) {
      seen.set(seq);
    }
    total.incrementAndGet();
    last.set(System.nanoTime());
  }

  // ---- through the connector ----------------------------------------------------------------

  /** Acknowledges every N records, or whatever it holds after {@value #LINGER_MS} ms of quiet. */
  private static final class BatchingSink implements RecordSink {
    final int n;
    final BitSet seen = new BitSet(MESSAGES);
    final AtomicLong total = new AtomicLong();
    final AtomicLong last = new AtomicLong(System.nanoTime());
    final List<Acknowledgement> pending = new ArrayList<>();
    int maxUnacked;
    volatile ConnectorException failure;

    BatchingSink(int n) {
      this.n = n;
    }

    @Override
    public void accept(SourceRecord record, Acknowledgement ack) {
      int seq = ((Long) record.values().get("seq")).intValue();
      MqttBenchmarkTest.record(seen, total, last, seq);
      List<Acknowledgement> commit = null;
      synchronized (pending) {
        pending.add(ack);
        maxUnacked = Math.max(maxUnacked, pending.size());
        if (pending.size() >= n) {
          commit = new ArrayList<>(pending);
          pending.clear();
        }
      }
      ackAll(commit);
    }

    /** The host's maximum wait: commit what is there when nothing more came for a while. */
    void lingerFlush() {
      List<Acknowledgement> commit = null;
      synchronized (pending) {
        if (!pending.isEmpty()
            && System.nanoTime() - last.get() > TimeUnit.MILLISECONDS.toNanos(LINGER_MS)) {
          commit = new ArrayList<>(pending);
          pending.clear();
        }
      }
      ackAll(commit);
    }

    private static void ackAll(List<Acknowledgement> acks) {
      if (acks == null) {
        return;
      }
      for (Acknowledgement a : acks) {
        try {
          a.acknowledge();
        } catch (ConnectorException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    @Override
    public void failed(ConnectorException cause) {
      failure = cause;
    }
  }

  private Result throughConnector(String protocol, int n) throws Exception {
    String prefix = Broker.uniquePrefix("bench-conn");
    String clientId = Broker.uniqueClientId();
    BatchingSink sink = new BatchingSink(n);
    StreamingSource source =
        TestSupport.CONNECTOR.openStreaming(
            TestSupport.context(
                TestSupport.config(protocol, prefix + "/#", clientId, "brokerUrl", url)));
    source.start(sink);
    Thread flusher =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                sink.lingerFlush();
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "bench-linger");
    flusher.setDaemon(true);
    flusher.start();
    long start = System.nanoTime();
    sink.last.set(start);
    Thread publisher = publish(prefix + "/s");
    long nanos = awaitAll(sink.seen, sink.last, start);
    publisher.join();
    flusher.interrupt();
    source.close();
    forget(clientId);
    assertThat(sink.failure).isNull();
    synchronized (sink.seen) {
      return new Result(
          "MQTT " + protocol + " connector, ack every " + n,
          sink.seen.cardinality(),
          sink.total.get(),
          nanos,
          sink.maxUnacked,
          maxLag);
    }
  }
}
