package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.ingest.InferredColumn;
import io.millwright.server.datasets.ingest.MalformedSourceException;
import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.RowSources;
import io.millwright.server.datasets.ingest.SchemaInference;
import io.millwright.server.datasets.ingest.SourceOptions;
import io.millwright.server.datasets.ingest.SourceRow;
import io.millwright.server.datasets.ingest.SourceTooLargeException;
import io.millwright.server.datasets.pipeline.KeySet;
import io.millwright.server.datasets.pipeline.KeyText;
import io.millwright.server.datasets.pipeline.UploadPlan;
import io.millwright.server.datasets.pipeline.WriteOutcome;
import io.millwright.server.datasets.pipeline.WritePipeline;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes an uploaded file into a dataset: read a sample and plan (columns, evolution), stream the
 * rest through the write pipeline into data files, then commit everything as one snapshot. No
 * database transaction is held while the file streams; the upload's row shows its progress.
 */
@ApplicationScoped
public class DatasetUploads {

  private static final Logger LOG = Logger.getLogger(DatasetUploads.class.getName());

  /** Rows read before planning: enough to infer added columns' types. */
  static final int SAMPLE_ROWS = 1000;

  static final int PREVIEW_ROWS = 50;

  @Inject UploadCommits commits;
  @Inject KeyCache keyCache;
  @Inject Quarantine quarantine;
  @Inject DatasetTables tables;
  @Inject DatasetStore store;
  @Inject AuditTrail audit;
  @Inject PlatformSettings settings;

  /** Runs the reading half of each upload beside its writing half. */
  @jakarta.annotation.Resource jakarta.enterprise.concurrent.ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "millwright.datasets.max-upload-bytes", defaultValue = "2147483648")
  long maxUploadBytes;

  @Inject
  @ConfigProperty(name = "millwright.datasets.max-quarantined-rows", defaultValue = "100000")
  int maxQuarantinedRows;

  /** The outcome of an upload; {@code replayed} when an earlier upload with the key is returned. */
  public record Result(
      Upload upload,
      boolean replayed,
      List<Column> added,
      List<Column> widened,
      Map<String, Long> failures) {}

  public Result upload(
      TenantId tenant,
      String name,
      InputStream body,
      UploadRequest request,
      Caller caller,
      RequestContext context) {
    return write(tenant, name, body, request, WriteSource.UPLOAD, caller, context);
  }

  /**
   * Writes corrected quarantined rows again, through the same standardize → validate → deduplicate
   * path as any upload (source {@code replay}); in the commit the rows are marked replayed. Rows
   * that still fail come back into the quarantine with their new reason.
   *
   * @param corrections for each quarantined row id, the cells to change (by source column name)
   */
  public Result replay(
      TenantId tenant,
      String name,
      Map<Long, Map<String, String>> corrections,
      Caller caller,
      RequestContext context) {
    Dataset dataset = commits.prepare(tenant, name).dataset();
    List<Quarantine.Entry> entries =
        quarantine.open(
            tenant, dataset.id(), tables.dataKey(tenant), List.copyOf(corrections.keySet()));
    if (entries.size() != corrections.size()) {
      throw new ProblemException(
          Problem.conflict(
              "Some of these rows are not in the open quarantine (already replayed, discarded or"
                  + " never there); reload the quarantine and try again."));
    }
    byte[] csv = ReplayFile.of(entries, corrections);
    UploadRequest request =
        new UploadRequest(
            io.millwright.server.datasets.ingest.SourceFormat.CSV,
            "quarantine replay",
            null,
            ReplayFile.PARSE,
            ',',
            null);
    return write(
        tenant,
        name,
        new java.io.ByteArrayInputStream(csv),
        request,
        WriteSource.replay(List.copyOf(corrections.keySet())),
        caller,
        context);
  }

  /**
   * Where rows come from: a person's file, or quarantined rows being replayed (marked replayed in
   * the commit).
   */
  public record WriteSource(
      String name,
      List<Long> replayedRows,
      Map<String, Long> inputs,
      String transform,
      boolean replace,
      Connected connected) {
    static final WriteSource UPLOAD =
        new WriteSource("upload", List.of(), Map.of(), null, false, null);

    static WriteSource replay(List<Long> rows) {
      return new WriteSource("replay", rows, Map.of(), null, false, null);
    }

    /** A transform's run: replaces the target's rows, records the input versions (lineage). */
    public static WriteSource transform(String name, Map<String, Long> inputs) {
      return new WriteSource("transform", List.of(), inputs, name, true, null);
    }

    /**
     * A batch read by a connection. The commit carries the source offset after the batch, and the
     * hook runs inside the commit's transaction (to advance the connection's committed offset with
     * compare-and-set): the records and the offset that says they were read land together or not at
     * all.
     *
     * @param replace a full refresh: the batch replaces the dataset's rows
     */
    public static WriteSource connection(Connected connected, boolean replace) {
      return new WriteSource("connection", List.of(), Map.of(), null, replace, connected);
    }
  }

  /**
   * Which connection wrote a batch, the source offset after it, and what to do in the commit.
   *
   * @param offset asked at commit time, once the rows are read: the source offset after them; it
   *     gives null for sources without offsets (a broker that redelivers what was not acked)
   */
  public record Connected(
      java.util.UUID connectionId,
      String connectionName,
      java.util.function.Supplier<String> offset,
      CommitHook hook) {}

  /** Runs inside a connection batch's commit transaction, after the new version is recorded. */
  @FunctionalInterface
  public interface CommitHook {
    void inCommit(long snapshotId);
  }

  /** Opens the rows to write; called once the upload is recorded as running. */
  public interface Rows {
    RowSource open() throws IOException;
  }

  private Result write(
      TenantId tenant,
      String name,
      InputStream body,
      UploadRequest request,
      WriteSource origin,
      Caller caller,
      RequestContext context) {
    return write(
        tenant,
        name,
        () ->
            RowSources.open(
                request.format(),
                body,
                new SourceOptions(request.delimiter(), request.sheet(), maxUploadBytes)),
        request.fileName(),
        request.idempotencyKey(),
        request.parse(),
        origin,
        caller,
        context);
  }

  /**
   * The one write path of every source: files, replayed quarantine rows, transform results.
   *
   * @param fileName what the rows came from, as shown on the upload
   */
  public Result write(
      TenantId tenant,
      String name,
      Rows rows,
      String fileName,
      String idempotencyKey,
      io.millwright.server.datasets.ingest.ParseOptions parse,
      WriteSource origin,
      Caller caller,
      RequestContext context) {
    UploadCommits.Prepared prepared = commits.prepare(tenant, name);
    Dataset dataset = prepared.dataset();
    Optional<Result> replay = replay(tenant, dataset, idempotencyKey);
    if (replay.isPresent()) {
      return replay.get();
    }
    Upload upload =
        store
            .startUpload(
                tenant,
                dataset.id(),
                idempotencyKey,
                origin.name(),
                fileName,
                caller.displayName(),
                settings.nodeId())
            .orElseThrow(() -> inProgress(idempotencyKey));
    long[] progress = new long[2];
    try (RowSource source = rows.open()) {
      List<SourceRow> sample = readSample(source, SAMPLE_ROWS);
      UploadPlan plan = UploadPlan.of(dataset.contract(), source.columns(), sample, parse);
      Transaction txn = commits.begin(prepared, plan);
      // A replacing write (a transform's new result) starts from nothing: no key is taken yet.
      List<String> key = plan.contract().primaryKey();
      Snapshot base = prepared.table().currentSnapshot();
      KeySet existing =
          origin.replace() || key.isEmpty()
              ? new KeySet()
              : keyCache
                  .take(tenant, dataset.id(), base == null ? -1 : base.snapshotId())
                  .orElseGet(() -> existingKeys(prepared.table(), key));
      WritePipeline pipeline =
          new WritePipeline(
              txn.table(),
              plan,
              prepared.terms(),
              parse,
              existing,
              maxQuarantinedRows,
              upload.id().toString(),
              executor);
      ProgressReporter reporter = new ProgressReporter(tenant, upload, progress);
      WriteOutcome outcome = pipeline.run(source, sample, reporter);
      Snapshot made = commits.commit(prepared, txn, plan, outcome, upload, origin, caller, context);
      if (!key.isEmpty()
          && !origin.replace()
          && Objects.equals(made.parentId(), base == null ? null : base.snapshotId())) {
        // Nobody committed in between: the keys are exactly those of the new version.
        keyCache.put(tenant, dataset.id(), made.snapshotId(), pipeline.keys());
      }
      LOG.fine(() -> "upload " + upload.id() + " committed as version " + made.snapshotId());
      return new Result(
          store.findUpload(tenant, dataset.id(), upload.id()).orElseThrow(),
          false,
          plan.added(),
          plan.widened(),
          outcome.failuresByRule());
    } catch (UploadPlan.Refused e) {
      throw reject(tenant, dataset, upload, progress, 422, e.getMessage(), caller, context);
    } catch (SourceTooLargeException e) {
      throw reject(tenant, dataset, upload, progress, 413, e.getMessage(), caller, context);
    } catch (MalformedSourceException e) {
      throw reject(tenant, dataset, upload, progress, 422, e.getMessage(), caller, context);
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "Upload " + upload.id() + " failed while reading", e);
      throw reject(
          tenant,
          dataset,
          upload,
          progress,
          400,
          "The upload could not be read to its end (" + e.getMessage() + "); nothing was written.",
          caller,
          context);
    } catch (RuntimeException e) {
      rejectQuietly(tenant, dataset, upload, progress, "internal error: " + e, caller, context);
      throw e;
    }
  }

  /**
   * Reads the start of a file and shows what an upload would do, without writing: the columns
   * inferred from it (for a new dataset) or how they meet an existing dataset's contract, and the
   * first rows as read.
   */
  public Map<String, Object> preview(
      TenantId tenant, String nameOrNull, InputStream body, UploadRequest request) {
    try (RowSource source =
        RowSources.open(
            request.format(),
            body,
            new SourceOptions(request.delimiter(), request.sheet(), maxUploadBytes))) {
      List<SourceRow> sample = readSample(source, SAMPLE_ROWS);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sourceColumns", source.columns());
      List<InferredColumn> inferred =
          SchemaInference.infer(source.columns(), sample, request.parse());
      List<Map<String, Object>> columns = new ArrayList<>();
      for (InferredColumn c : inferred) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceName", c.sourceName());
        m.put("name", c.name());
        m.put("type", c.type().wireName());
        if (c.unit() != null) {
          m.put("unit", c.unit());
        }
        m.put("nullRate", c.nullRate());
        columns.add(m);
      }
      out.put("inferredColumns", columns);
      if (nameOrNull != null) {
        UploadCommits.Prepared prepared = commits.prepare(tenant, nameOrNull);
        try {
          UploadPlan plan =
              UploadPlan.of(
                  prepared.dataset().contract(), source.columns(), sample, request.parse());
          out.put(
              "addedColumns",
              plan.added().stream().map(c -> c.name() + " " + c.type().wireName()).toList());
          out.put("widenedColumns", plan.widened().stream().map(Column::name).toList());
          out.put("accepted", true);
        } catch (UploadPlan.Refused e) {
          out.put("accepted", false);
          out.put("problem", e.getMessage());
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SourceRow row : sample.subList(0, Math.min(PREVIEW_ROWS, sample.size()))) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("row", row.number());
        m.put("cells", row.cells());
        if (row.problem() != null) {
          m.put("problem", row.problem());
        }
        rows.add(m);
      }
      out.put("rows", rows);
      out.put("sampledRows", sample.size());
      return out;
    } catch (SourceTooLargeException e) {
      throw new ProblemException(
          Problem.of(413, "upload-too-large", "The file is too large", e.getMessage()));
    } catch (IOException | UncheckedIOException e) {
      throw new ProblemException(
          Problem.of(422, "unreadable-file", "The file cannot be read", e.getMessage()));
    }
  }

  private Optional<Result> replay(TenantId tenant, Dataset dataset, String key) {
    if (key == null) {
      return Optional.empty();
    }
    Optional<Upload> earlier = store.findUploadByKey(tenant, dataset.id(), key);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    Upload first = earlier.get();
    switch (first.status()) {
      case "committed":
        return Optional.of(new Result(first, true, List.of(), List.of(), Map.of()));
      case "running":
        throw inProgress(key);
      default:
        // A rejected or interrupted upload wrote nothing: the retry may go ahead.
        store.releaseIdempotencyKey(tenant, first.id());
        return Optional.empty();
    }
  }

  private static ProblemException inProgress(String key) {
    return new ProblemException(
        Problem.conflict(
            "An upload with Idempotency-Key '"
                + key
                + "' is still running; follow it in the dataset's uploads."));
  }

  private static List<SourceRow> readSample(RowSource source, int max) throws IOException {
    List<SourceRow> sample = new ArrayList<>();
    SourceRow row;
    while (sample.size() < max && (row = source.next()) != null) {
      sample.add(row);
    }
    return sample;
  }

  /** The rows of the current version, from its summary (a hint for sizing; 0 when unknown). */
  private static long totalRows(Table table) {
    String total = table.currentSnapshot().summary().get("total-records");
    try {
      return total == null ? 0 : Long.parseLong(total);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Keys of the rows in the dataset's current version, for deduplicating against them. */
  private static KeySet existingKeys(Table table, List<String> key) {
    if (key.isEmpty() || table.currentSnapshot() == null) {
      return new KeySet();
    }
    KeySet keys = new KeySet(totalRows(table));
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).select(key).build()) {
      StringBuilder text = new StringBuilder();
      for (Record r : records) {
        text.setLength(0);
        for (String k : key) {
          KeyText.appendTo(text, r.getField(k)).append('\u001f');
        }
        keys.add(text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  private ProblemException reject(
      TenantId tenant,
      Dataset dataset,
      Upload upload,
      long[] progress,
      int status,
      String message,
      Caller caller,
      RequestContext context) {
    rejectQuietly(tenant, dataset, upload, progress, message, caller, context);
    String kind =
        status == 413 ? "upload-too-large" : status == 400 ? "upload-broken" : "upload-rejected";
    return new ProblemException(
        Problem.of(status, kind, "The upload was not written", message)
            .with("upload", upload.id().toString()));
  }

  private void rejectQuietly(
      TenantId tenant,
      Dataset dataset,
      Upload upload,
      long[] progress,
      String message,
      Caller caller,
      RequestContext context) {
    try {
      store.rejectUpload(
          tenant,
          upload.id(),
          new UploadCounts(progress[0], progress[1], 0, 0, 0, 0, null, message));
      audit.appendInNewTransaction(
          tenant,
          AuditEvent.failure(
              caller,
              "dataset.upload",
              dataset.name(),
              context,
              Map.of("upload", upload.id().toString(), "problem", message)));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record the rejection of upload " + upload.id(), e);
    }
  }

  /** Writes progress to the upload's row at most once a second. */
  private final class ProgressReporter implements WritePipeline.Progress {
    private final TenantId tenant;
    private final Upload upload;
    private final long[] last;
    private long reportedAt = System.nanoTime();

    ProgressReporter(TenantId tenant, Upload upload, long[] last) {
      this.tenant = tenant;
      this.upload = upload;
      this.last = last;
    }

    @Override
    public void report(long bytesRead, long rowsRead) {
      last[0] = bytesRead;
      last[1] = rowsRead;
      long now = System.nanoTime();
      if (now - reportedAt >= 1_000_000_000L) {
        reportedAt = now;
        store.progress(tenant, upload.id(), bytesRead, rowsRead);
      }
    }
  }
}
