package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.RecordSink;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Starts a streaming connection's route: the source delivers into a bounded queue (a full queue
 * blocks the source's receiving thread: back-pressure), and a batcher turns the queue into
 * micro-batches bounded by size and time, each one exchange and one commit. Records are
 * acknowledged to the source only after their commit; when a commit fails for good the source is
 * closed and reopened, so what was not acknowledged comes again.
 */
final class StreamConsumer extends DefaultConsumer {

  private static final Logger LOG = Logger.getLogger(StreamConsumer.class.getName());

  /** A batch also closes when the stream goes quiet this long (a broker's in-flight window). */
  private static final long QUIET_MILLIS = 100;

  private record Pending(SourceRecord record, Acknowledgement ack) {}

  private final ConnectionEndpoint endpoint;
  private final Running rc;
  private final BlockingQueue<Pending> queue;
  private volatile boolean stopping;
  private volatile ConnectorException broken;
  private volatile StreamingSource source;
  private ExecutorService batcher;
  private ExecutorService opener;
  private volatile java.util.concurrent.Future<?> opening;

  StreamConsumer(ConnectionEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
    this.rc = endpoint.running;
    this.queue = new ArrayBlockingQueue<>(Math.max(16, rc.connection.batchRecords() * 2));
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    stopping = false;
    batcher =
        getEndpoint()
            .getCamelContext()
            .getExecutorServiceManager()
            .newSingleThreadExecutor(this, "millwright-stream-" + rc.name);
    opener =
        getEndpoint()
            .getCamelContext()
            .getExecutorServiceManager()
            .newSingleThreadExecutor(this, "millwright-stream-open-" + rc.name);
    batcher.execute(this::loop);
  }

  @Override
  protected void doStop() throws Exception {
    stopping = true;
    closeSource();
    for (ExecutorService e : new ExecutorService[] {batcher, opener}) {
      if (e != null) {
        getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(e);
        e.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    closeSource(); // one opened while stopping
    queue.clear();
    super.doStop();
  }

  private void loop() {
    long backoff = endpoint.runtime.retryDelay().toMillis();
    while (!stopping) {
      try {
        if (source == null && opening == null) {
          // Opened on another thread: a broker delivers what it kept for the session while the
          // connect is still in progress, and only this loop drains the queue it fills.
          broken = null;
          opening = opener.submit(this::open);
        }
        if (opening != null && opening.isDone()) {
          java.util.concurrent.Future<?> done = opening;
          opening = null;
          try {
            done.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e);
          }
        }
        List<Pending> batch = collect();
        if (broken != null) {
          throw broken;
        }
        if (batch.isEmpty()) {
          continue;
        }
        if (commit(batch)) {
          for (Pending p : batch) {
            p.ack().acknowledge();
          }
          backoff = endpoint.runtime.retryDelay().toMillis();
        } else {
          restartAfter(backoff);
          backoff = Math.min(backoff * 2, 60_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (stopping) {
          return;
        }
        rc.lastError = ConnectionWorker.describe(e);
        rc.state = "retrying";
        LOG.log(Level.WARNING, "Stream of connection " + rc.name + " broke: " + rc.lastError);
        try {
          restartAfter(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = Math.min(backoff * 2, 60_000);
      }
    }
  }

  private Void open() throws Exception {
    StreamingSource opened =
        rc.connector.openStreaming(
            endpoint
                .runtime
                .worker()
                .context(
                    rc,
                    endpoint.runtime.onManagedThread(() -> endpoint.runtime.worker().config(rc))));
    source = opened;
    endpoint.runtime.onManagedThread(
        () -> {
          endpoint.runtime.worker().startStreamRun(rc);
          return null;
        });
    opened.start(
        new RecordSink() {
          @Override
          public void accept(SourceRecord record, Acknowledgement ack) throws InterruptedException {
            queue.put(new Pending(record, ack));
          }

          @Override
          public void failed(ConnectorException cause) {
            broken = cause;
          }
        });
    rc.state = "streaming";
    return null;
  }

  /** Up to a batch of records: closes on size, on the batch wait, or when the stream is quiet. */
  private List<Pending> collect() throws InterruptedException {
    List<Pending> batch = new ArrayList<>();
    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return batch;
    }
    batch.add(first);
    int max = rc.connection.batchRecords();
    long deadline = System.nanoTime() + rc.connection.batchWait().toNanos();
    while (batch.size() < max && !stopping && broken == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      queue.drainTo(batch, max - batch.size());
      if (batch.size() >= max) {
        break;
      }
      Pending next =
          queue.poll(
              Math.min(left, TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)), TimeUnit.NANOSECONDS);
      if (next == null) {
        break; // quiet: commit what we have rather than hold acknowledgements back
      }
      batch.add(next);
    }
    return batch;
  }

  private boolean commit(List<Pending> batch) throws Exception {
    Exchange exchange = createExchange(false);
    try {
      exchange.getIn().setBody(batch.stream().map(Pending::record).toList());
      getProcessor().process(exchange);
      if (exchange.getException() != null) {
        rc.lastError = ConnectionWorker.describe(exchange.getException());
        if (!stopping) {
          endpoint.runtime.runFailed(rc, exchange.getException());
        }
        return false;
      }
      return true;
    } finally {
      releaseExchange(exchange, false);
    }
  }

  /** Drops what is queued (unacknowledged: the source sends it again), waits, reopens. */
  private void restartAfter(long millis) throws InterruptedException {
    java.util.concurrent.Future<?> inFlight = opening;
    opening = null;
    if (inFlight != null) {
      inFlight.cancel(true); // an open stuck on a full queue must not hold the restart
    }
    closeSource();
    queue.clear();
    Thread.sleep(millis);
  }

  private void closeSource() {
    StreamingSource s = source;
    source = null;
    if (s != null) {
      try {
        s.close();
      } catch (ConnectorException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the stream of " + rc.name, e);
      }
      try {
        endpoint.runtime.onManagedThread(
            () -> {
              endpoint.runtime.worker().endStreamRun(rc, rc.lastError);
              return null;
            });
      } catch (Exception e) {
        LOG.log(Level.FINE, "ending the stream run of " + rc.name, e);
      }
    }
  }
}
