package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.RecordSink;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's subscription: a persistent session (MQTT 5 clean start off with a session
 * expiry, 3.1.1 clean session off), QoS 1, and manual acknowledgements: a message's PUBACK goes to
 * the broker only once the host acknowledged every record read from it, so whatever the host had
 * not committed when the source closed (or the process died) is delivered again on the next
 * connect.
 *
 * <p>Records are handed over on Paho's callback thread, so a host whose buffer is full blocks the
 * client's receive loop and, behind it, the broker.
 *
 * <p>After a dropped connection the source reconnects on its own and resumes the session. A message
 * the broker then sends again that the host already holds is not handed over a second time: the
 * host's pending acknowledgement covers it (the same packet id in the same session is the same
 * message). If it cannot reconnect within {@link #DEFAULT_RECONNECT_WINDOW} it tells the sink it
 * failed.
 */
final class MqttStreamingSource implements StreamingSource, BrokerClient.Listener {

  static final Duration DEFAULT_RECONNECT_WINDOW = Duration.ofSeconds(60);

  /** Paho's receiver, sender, callback, connect, disconnect and ping tasks, with room to spare. */
  private static final int THREADS = 12;

  private static final AtomicInteger SOURCES = new AtomicInteger();

  private final MqttSettings settings;
  private final ConnectorContext context;
  private final PayloadReader reader;
  private final Duration reconnectWindow;
  private final ScheduledThreadPoolExecutor executor;

  private final Object lock = new Object();
  private final Map<Integer, Delivery> inflight = new HashMap<>(); // guarded by lock
  private int generation; // guarded by lock: one per connect attempt
  private boolean connected; // guarded by lock

  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean failedReported = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean reconnecting;
  private volatile Thread delivering;
  private volatile Future<?> reconnectTask;
  private volatile BrokerClient client;
  private volatile RecordSink sink;

  MqttStreamingSource(MqttSettings settings, ConnectorContext context, Duration reconnectWindow) {
    this.settings = settings;
    this.context = context;
    this.reader = PayloadReader.of(settings);
    this.reconnectWindow = reconnectWindow;
    this.executor = newExecutor("millwright-mqtt-" + SOURCES.incrementAndGet());
  }

  /** Daemon threads named after the source, gone after {@code shutdownNow}; idle ones time out. */
  static ScheduledThreadPoolExecutor newExecutor(String name) {
    AtomicInteger n = new AtomicInteger();
    ClassLoader pluginLoader = MqttStreamingSource.class.getClassLoader();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          // Threads must not pin whatever loader the host's calling thread had.
          t.setContextClassLoader(pluginLoader);
          return t;
        };
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, factory);
    executor.setKeepAliveTime(30, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  @Override
  public void start(RecordSink sink) throws ConnectorException {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("an MQTT source is started once");
    }
    if (closed) {
      throw new IllegalStateException("closed");
    }
    this.sink = sink;
    try {
      client = BrokerClient.create(settings, settings.clientId(), true, executor, this);
      connectAndSubscribe(true);
    } catch (ConnectorException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void connectAndSubscribe(boolean first) throws ConnectorException {
    int attempt;
    synchronized (lock) {
      attempt = ++generation;
      connected = true;
    }
    boolean sessionPresent;
    try {
      sessionPresent = client.connect(false);
    } catch (ConnectorException e) {
      synchronized (lock) {
        connected = false;
      }
      throw e;
    }
    if (!sessionPresent) {
      // The broker has no session (first connect, or it expired): nothing will come again, and
      // packet ids start over, so what the host still holds can no longer be acknowledged.
      synchronized (lock) {
        inflight.values().removeIf(d -> d.generation < attempt);
      }
    }
    if (first || !sessionPresent) {
      // Always on start: the topics may have changed since the session was made.
      client.subscribe(settings.topics(), true);
    }
    context.status(
        "subscribed to "
            + settings.topicsText()
            + " on "
            + client.describe()
            + (sessionPresent ? ", session resumed" : ", new session"));
  }

  // ---- from Paho's callback thread ----------------------------------------------------------

  @Override
  public void message(String topic, int messageId, int qos, boolean duplicate, byte[] payload) {
    if (closed) {
      return; // not acknowledged: the broker keeps it for the next connect
    }
    int arrivedOn;
    boolean ackNow = false;
    synchronized (lock) {
      arrivedOn = generation;
      Delivery known = qos > 0 ? inflight.get(messageId) : null;
      if (known != null && known.generation != arrivedOn) {
        // Sent again after a reconnect: the host already has its records.
        if (known.hostAcked) {
          inflight.remove(messageId);
          ackNow = true;
        } else {
          known.generation = arrivedOn;
          return;
        }
      }
    }
    if (ackNow) {
      sendAck(messageId, qos);
      return;
    }
    List<SourceRecord> records;
    try {
      records = reader.read(topic, messageId, payload);
    } catch (RuntimeException e) {
      records =
          List.of(
              SourceRecord.unreadable(
                  PayloadReader.origin(topic, messageId),
                  new String(payload, java.nio.charset.StandardCharsets.UTF_8),
                  "could not read the payload: " + e));
    }
    if (qos == 0) {
      deliver(records, null); // published at QoS 0: nothing to acknowledge, nothing comes again
      return;
    }
    if (records.isEmpty()) {
      sendAck(messageId, qos); // an empty array or CSV payload: nothing to commit
      return;
    }
    Delivery delivery = new Delivery(messageId, qos, records.size(), arrivedOn);
    synchronized (lock) {
      inflight.put(messageId, delivery);
    }
    deliver(records, delivery);
  }

  private void deliver(List<SourceRecord> records, Delivery delivery) {
    RecordSink target = sink;
    delivering = Thread.currentThread();
    try {
      for (SourceRecord record : records) {
        if (closed) {
          return;
        }
        Acknowledgement ack = delivery == null ? () -> {} : delivery.newAck();
        target.accept(record, ack);
      }
    } catch (InterruptedException e) {
      // The host is stopping: the rest stays unacknowledged with the broker. Paho's own thread, so
      // do not leave the flag set for its loop.
      Thread.interrupted();
    } catch (RuntimeException e) {
      // A sink bug must not reach Paho, which would drop the connection.
      context.log().log(Level.WARNING, "the sink refused a record", e);
    } finally {
      delivering = null;
      if (closed) {
        Thread.interrupted();
      }
    }
  }

  @Override
  public void lost(Throwable cause) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      connected = false;
    }
    ConnectorException why = Errors.lost(settings, cause);
    context.log().log(Level.INFO, why.getMessage() + "; reconnecting");
    context.status("connection lost, reconnecting: " + why.getMessage());
    if (!reconnecting) {
      reconnecting = true;
      try {
        reconnectTask = executor.submit(this::reconnect);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        reconnecting = false; // closing
      }
    }
  }

  private void reconnect() {
    long deadline = System.nanoTime() + reconnectWindow.toNanos();
    long backoffMillis = 250;
    try {
      while (!closed) {
        try {
          connectAndSubscribe(false);
          return;
        } catch (ConnectorException e) {
          if (closed) {
            return;
          }
          if (e.kind() == ConnectorException.Kind.CONFIGURATION) {
            fail(e);
            return;
          }
          if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) > deadline) {
            fail(
                ConnectorException.unavailable(
                    e.getMessage()
                        + "; could not reconnect within "
                        + reconnectWindow.toSeconds()
                        + "s",
                    e));
            return;
          }
          context.status("reconnecting in " + backoffMillis + " ms: " + e.getMessage());
          Thread.sleep(backoffMillis);
          backoffMillis = Math.min(backoffMillis * 2, 10_000);
        }
      }
    } catch (InterruptedException e) {
      // closing
    } finally {
      reconnecting = false;
    }
  }

  private void fail(ConnectorException e) {
    if (!closed && failedReported.compareAndSet(false, true)) {
      context.status("failed: " + e.getMessage());
      sink.failed(e);
    }
  }

  // ---- acknowledgements, from the host's threads ----------------------------------------------

  private void acknowledged(Delivery d) {
    boolean send = false;
    synchronized (lock) {
      if (--d.remaining > 0 || closed || inflight.get(d.messageId) != d) {
        return; // more records to come, closing, or the session that held it is gone
      }
      if (connected && d.generation == generation) {
        inflight.remove(d.messageId);
        send = true;
      } else {
        d.hostAcked = true; // acknowledged when the broker sends it again after the reconnect
      }
    }
    if (send) {
      sendAck(d.messageId, d.qos);
    }
  }

  private void sendAck(int messageId, int qos) {
    try {
      client.ack(messageId, qos);
    } catch (Exception e) {
      // The connection went: the broker sends the message again after the reconnect, and the
      // host then gets its records a second time. Nothing to do here.
      context.log().log(Level.DEBUG, "could not acknowledge message " + messageId, e);
    }
  }

  /** One message whose records the host holds. */
  private final class Delivery {
    final int messageId;
    final int qos;
    int remaining; // guarded by lock
    int generation; // guarded by lock
    boolean hostAcked; // guarded by lock

    Delivery(int messageId, int qos, int records, int generation) {
      this.messageId = messageId;
      this.qos = qos;
      this.remaining = records;
      this.generation = generation;
    }

    /** One record's acknowledgement; a second call of the same one is ignored. */
    Acknowledgement newAck() {
      AtomicBoolean done = new AtomicBoolean();
      return () -> {
        if (done.compareAndSet(false, true)) {
          acknowledged(this);
        }
      };
    }
  }

  // ---- closing --------------------------------------------------------------------------------

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread blocked = delivering;
    if (blocked != null) {
      blocked.interrupt(); // out of a sink that did not notice the stop itself
    }
    Future<?> task = reconnectTask;
    if (task != null) {
      task.cancel(true);
    }
    BrokerClient c = client;
    if (c != null) {
      c.shutdown();
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        context.log().log(Level.WARNING, "MQTT client threads still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      inflight.clear();
    }
    context.status("closed");
  }

  /** For tests: how many messages the host holds unacknowledged. */
  int unacknowledgedMessages() {
    synchronized (lock) {
      return inflight.size();
    }
  }
}
