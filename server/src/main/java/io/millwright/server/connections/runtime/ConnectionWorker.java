package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.connections.Connection;
import io.millwright.server.connections.ConnectionStore;
import io.millwright.server.connections.Connections;
import io.millwright.server.datasets.DatasetUploads;
import io.millwright.server.datasets.Upload;
import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Does a connection's work on a managed thread: opens its source, reads a batch, writes it through
 * the datasets' write path with the offset in the commit, acknowledges the source, and keeps the
 * run's counts. A failure is thrown back to the route, which retries with backoff; when retries are
 * spent the run fails, and after repeated failed runs (or at once for a configuration problem) the
 * connection is paused with the reason.
 */
@ApplicationScoped
public class ConnectionWorker {

  private static final Logger LOG = Logger.getLogger(ConnectionWorker.class.getName());

  /** Connector records carry ISO dates and timestamps; naive ones are taken as UTC. */
  static final ParseOptions PARSE = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));

  @Inject DatasetUploads uploads;
  @Inject ConnectionStore store;
  @Inject Connections connections;
  @Inject PlatformSettings settings;
  @Inject ConnectionLeases leases;

  @Inject
  @ConfigProperty(name = "millwright.connections.max-failed-runs", defaultValue = "3")
  int maxFailedRuns;

  @Inject
  @ConfigProperty(name = "millwright.connections.poll-size", defaultValue = "50000")
  int pollSize;

  /** What one commit of a polled connection did. */
  public record Polled(long records, boolean more) {}

  /**
   * Reads and commits up to one batch from where the last commit ended.
   *
   * @return how many records were committed and whether the source has more right now
   */
  Polled pollOnce(Running rc, String trigger) throws Exception {
    ConnectionStore.Stored stored =
        store.find(rc.tenant, rc.id).orElseThrow(() -> new IllegalStateException("deleted"));
    Connection c = stored.connection();
    rc.connection = c;
    // A scheduled poll runs on the node holding the lease only; a backfill under way goes on.
    if ("schedule".equals(trigger)
        && !leases.hold(rc.tenant, rc.id, c.schedule())
        && rc.runId == null) {
      rc.statusLine = "polled by another node";
      return new Polled(0, false);
    }
    if (rc.runId == null) {
      rc.runId = store.startRun(rc.tenant, rc.id, trigger, c.committedOffset(), settings.nodeId());
      rc.recordsThisRun = 0;
      rc.lastRunAt = Instant.now();
    }
    rc.state = "running";
    PollingSource source = rc.pollingSource;
    if (source == null) {
      ConnectorConfig config = connections.config(stored, rc.connector.descriptor());
      source = rc.connector.openPolling(context(rc, config));
      rc.pollingSource = source;
    }
    String from = c.committedOffset();
    long cap = c.replace() ? Long.MAX_VALUE : c.batchRecords();
    PollCursor cursor =
        new PollCursor(
            source,
            from == null ? null : new Offset(from),
            cap,
            Math.min(pollSize, c.batchRecords()));
    try {
      if (!cursor.hasNext()) {
        // Nothing to write, but the source may have moved on (a skipped empty file): keep that.
        String reached = cursor.offset() == null ? null : cursor.offset().value();
        if (reached != null && !reached.equals(from)) {
          store.advanceOffsetWithoutData(rc.tenant, rc.id, from, reached);
          source.committed(cursor.offset());
        }
        finishRun(rc, "succeeded", null);
        return new Polled(0, false);
      }
      Upload upload = write(rc, c, cursor, from);
      rc.recordsThisRun += cursor.handedOut();
      store.addToRun(
          rc.tenant,
          rc.runId,
          upload.rowsRead(),
          upload.rowsWritten(),
          upload.rowsQuarantined(),
          upload.rowsDeduplicated(),
          cursor.offset() == null ? null : cursor.offset().value());
      if (cursor.offset() != null) {
        source.committed(cursor.offset());
      }
      boolean more = cursor.more();
      if (!more) {
        finishRun(rc, "succeeded", null);
      }
      return new Polled(cursor.handedOut(), more);
    } catch (PollCursor.SourceFailed e) {
      closeSource(rc);
      throw e.cause;
    } catch (RuntimeException e) {
      closeSource(rc);
      if (cursor.failure() != null) {
        throw cursor.failure();
      }
      throw e;
    }
  }

  /**
   * Writes records a stream delivered (one micro-batch) as one commit; the caller acknowledges them
   * to the source only when this returns.
   */
  Upload commitStreamed(Running rc, List<SourceRecord> records) {
    Connection c = store.find(rc.tenant, rc.id).orElseThrow().connection();
    rc.connection = c;
    Upload upload = write(rc, c, records.iterator(), c.committedOffset());
    rc.recordsThisRun += records.size();
    rc.lastRunAt = Instant.now();
    if (rc.runId != null) {
      store.addToRun(
          rc.tenant,
          rc.runId,
          upload.rowsRead(),
          upload.rowsWritten(),
          upload.rowsQuarantined(),
          upload.rowsDeduplicated(),
          null);
    }
    return upload;
  }

  private Upload write(
      Running rc, Connection c, Iterator<SourceRecord> records, String committedFrom) {
    PollCursor cursor = records instanceof PollCursor p ? p : null;
    Supplier<String> reached =
        () -> cursor == null || cursor.offset() == null ? committedFrom : cursor.offset().value();
    return writeRecords(
        c,
        rc.runId,
        records,
        reached,
        snapshot -> store.advanceOffset(rc.tenant, c.id(), committedFrom, reached.get(), snapshot));
  }

  /**
   * Writes records through the datasets' single write path as one commit of the connection: the
   * commit carries the offset reached, and {@code inCommit} runs in the commit's transaction (the
   * offset's compare-and-set, a push delivery's id), so both land with the data or neither does.
   */
  Upload writeRecords(
      Connection c,
      UUID runId,
      Iterator<SourceRecord> records,
      Supplier<String> offset,
      DatasetUploads.CommitHook inCommit) {
    Caller caller = caller(c);
    RequestContext context = new RequestContext();
    context.begin("connection-" + (runId == null ? UUID.randomUUID() : runId), null);
    context.authenticate(caller);
    DatasetUploads.Connected connected =
        new DatasetUploads.Connected(c.id(), c.name(), offset, inCommit);
    DatasetUploads.Result result =
        uploads.write(
            c.tenant(),
            c.datasetName(),
            () -> new RecordRows(records),
            "connection " + c.name(),
            null,
            PARSE,
            DatasetUploads.WriteSource.connection(connected, c.replace()),
            caller,
            context);
    return result.upload();
  }

  /** A run failed for good (retries spent): record it, and pause the connection if it must. */
  void runFailed(Running rc, Throwable error) {
    String message = describe(error);
    rc.lastError = message;
    rc.state = "failed";
    LOG.log(
        Level.WARNING, "Connection " + rc.name + " of tenant " + rc.tenant + " failed: " + message);
    try {
      finishRun(rc, "failed", message);
      int failures = store.countFailure(rc.tenant, rc.id);
      boolean configuration =
          error instanceof ConnectorException ce
              && ce.kind() == ConnectorException.Kind.CONFIGURATION;
      if (configuration || failures >= maxFailedRuns) {
        String reason =
            configuration
                ? "paused: the source refuses the configuration (" + message + ")"
                : "paused after " + failures + " failed runs in a row; last error: " + message;
        connections.pauseFailing(rc.tenant, rc.id, rc.name, reason);
        rc.state = "paused";
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not record the failure of connection " + rc.name, e);
    }
  }

  void runSucceededQuietly(Running rc) {
    try {
      store.resetFailures(rc.tenant, rc.id);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "reset failures", e);
    }
  }

  private void finishRun(Running rc, String status, String error) {
    UUID run = rc.runId;
    rc.runId = null;
    if (!"failed".equals(status)) {
      rc.state = "idle";
      rc.lastError = null;
      runSucceededQuietly(rc);
    }
    if (run != null) {
      store.finishRun(rc.tenant, run, status, error);
    }
  }

  /** Starts a streaming session's run (counts grow with every micro-batch). */
  void startStreamRun(Running rc) {
    rc.runId = store.startRun(rc.tenant, rc.id, "stream", null, settings.nodeId());
    rc.recordsThisRun = 0;
    // Not "streaming" yet: the source is still connecting and subscribing, and a sender who
    // trusted that word would publish into a subscription that does not exist yet.
    rc.state = "connecting";
  }

  void endStreamRun(Running rc, String error) {
    UUID run = rc.runId;
    rc.runId = null;
    if (run != null) {
      store.finishRun(rc.tenant, run, error == null ? "succeeded" : "failed", error);
    }
  }

  HostContext context(Running rc, ConnectorConfig config) {
    return new HostContext(
        rc.id.toString(), rc.tenant + "." + rc.name, config, line -> rc.statusLine = line);
  }

  ConnectorConfig config(Running rc) {
    ConnectionStore.Stored stored = store.find(rc.tenant, rc.id).orElseThrow();
    return connections.config(stored, rc.connector.descriptor());
  }

  void closeSource(Running rc) {
    PollingSource source = rc.pollingSource;
    rc.pollingSource = null;
    if (source != null) {
      try {
        source.close();
      } catch (ConnectorException | RuntimeException e) {
        LOG.log(Level.FINE, "closing the source of " + rc.name, e);
      }
    }
  }

  static Caller caller(Connection c) {
    return new Caller("connection:" + c.id(), "connection " + c.name(), null, Set.of(), Set.of());
  }

  static String describe(Throwable e) {
    if (e instanceof ProblemException p) {
      return p.problem().detail();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
