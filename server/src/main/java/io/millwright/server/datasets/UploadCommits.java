package io.millwright.server.datasets;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.metering.ledger.UsageLedger;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.maintenance.Widening;
import io.millwright.server.datasets.pipeline.UploadPlan;
import io.millwright.server.datasets.pipeline.WriteOutcome;
import io.millwright.server.glossary.GlossaryTerm;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.expressions.Expressions;

/**
 * The transactional ends of an upload: loading what it needs, and committing what it wrote. The
 * commit is one PostgreSQL transaction holding the Iceberg pointer swap, the contract change (if
 * the file added columns), the quarantined rows, the upload's final counts, the audit entry and the
 * usage events: all of them happen, or none.
 */
@ApplicationScoped
@Transactional
public class UploadCommits {

  private static final UsageLedger LEDGER = new UsageLedger(false);

  @Inject Datasets datasets;
  @Inject DatasetTables tables;
  @Inject DatasetStore store;
  @Inject Quarantine quarantine;
  @Inject AuditTrail audit;
  @Inject DatabaseScope scope;

  /** What an upload reads before it streams: the table at its current version, key, glossary. */
  public record Prepared(
      Dataset dataset, Table table, byte[] dataKey, Map<String, GlossaryTerm> terms) {}

  public Prepared prepare(TenantId tenant, String name) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    return new Prepared(dataset, table, tables.dataKey(tenant), datasets.terms(tenant));
  }

  /**
   * Starts the Iceberg transaction the upload writes under, with the plan's new columns staged so
   * the data files carry them. Nothing is written to the catalog until {@link #commit}; the
   * database transaction here only reads the current pointer (Iceberg refreshes on begin).
   */
  public Transaction begin(Prepared prepared, UploadPlan plan) {
    Transaction txn = prepared.table().newTransaction();
    if (!plan.added().isEmpty()) {
      UpdateSchema update = txn.updateSchema();
      for (Column c : plan.added()) {
        update.addColumn(
            c.name(),
            io.millwright.server.datasets.catalog.IcebergSchemas.typeOf(c.type()),
            c.description());
      }
      update.commit();
    }
    // Before the rows: the rewritten files and the new ones share the widened schema.
    Widening.apply(prepared.table(), txn, plan.widened(), UUID.randomUUID().toString());
    return txn;
  }

  /**
   * @return the new version
   */
  public Snapshot commit(
      Prepared prepared,
      Transaction txn,
      UploadPlan plan,
      WriteOutcome outcome,
      Upload upload,
      DatasetUploads.WriteSource origin,
      Caller caller,
      RequestContext context) {
    TenantId tenant = prepared.dataset().tenant();
    scope.enterTenant(tenant);
    SnapshotUpdate<?> append;
    if (origin.replace()) {
      // A transform's result replaces the previous one: one overwrite, no window without rows.
      OverwriteFiles overwrite = txn.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
      outcome.files().forEach(overwrite::addFile);
      append = overwrite;
    } else {
      AppendFiles files = txn.newAppend();
      outcome.files().forEach(files::appendFile);
      append = files;
    }
    if (!origin.inputs().isEmpty()) {
      append.set(DatasetVersion.INPUTS, DatasetVersion.inputsText(origin.inputs()));
    }
    if (origin.transform() != null) {
      append.set(DatasetVersion.TRANSFORM, origin.transform());
    }
    if (origin.connected() != null) {
      append.set(DatasetVersion.CONNECTION, origin.connected().connectionId().toString());
      String offset = origin.connected().offset().get();
      if (offset != null) {
        append.set(DatasetVersion.OFFSET, offset);
      }
    }
    append.set(DatasetVersion.SOURCE, origin.name());
    append.set(DatasetVersion.ACTOR, caller.displayName());
    append.set(DatasetVersion.UPLOAD, upload.id().toString());
    append.set(DatasetVersion.ROWS_READ, Long.toString(outcome.rowsRead()));
    append.set(DatasetVersion.ROWS_WRITTEN, Long.toString(outcome.rowsWritten()));
    append.set(DatasetVersion.ROWS_QUARANTINED, Long.toString(outcome.rowsQuarantined()));
    append.set(DatasetVersion.ROWS_DEDUPLICATED, Long.toString(outcome.rowsDeduplicated()));
    outcome
        .failuresByRule()
        .forEach((rule, n) -> append.set(DatasetVersion.FAILURES_PREFIX + rule, Long.toString(n)));
    append.commit();
    txn.commitTransaction();

    Table table = prepared.table();
    table.refresh();
    Snapshot made = table.currentSnapshot();
    if (origin.connected() != null) {
      origin.connected().hook().inCommit(made.snapshotId());
    }
    String name = prepared.dataset().name();
    if (!plan.added().isEmpty() || !plan.widened().isEmpty()) {
      store.updateContract(tenant, prepared.dataset().id(), plan.contract());
      Map<String, Object> evolved = new LinkedHashMap<>();
      evolved.put(
          "added", plan.added().stream().map(c -> c.name() + " " + c.type().wireName()).toList());
      evolved.put(
          "widened",
          plan.widened().stream()
              .map(
                  c ->
                      c.name()
                          + " "
                          + c.type().wireName()
                          + " → "
                          + Widening.wider(c.type()).orElseThrow().wireName())
              .toList());
      evolved.put("upload", upload.id().toString());
      audit.append(
          tenant, AuditEvent.success(caller, "dataset.schema.evolve", name, context, evolved));
    }
    quarantine.add(
        tenant, prepared.dataset().id(), upload.id(), prepared.dataKey(), outcome.quarantined());
    quarantine.resolve(
        tenant, prepared.dataset().id(), origin.replayedRows(), "replayed", caller.displayName());
    store.finishUpload(
        tenant,
        upload.id(),
        "committed",
        new UploadCounts(
            outcome.bytesRead(),
            outcome.rowsRead(),
            outcome.rowsWritten(),
            outcome.rowsQuarantined(),
            outcome.rowsDeduplicated(),
            outcome.blankLines(),
            made.snapshotId(),
            null));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("upload", upload.id().toString());
    details.put("version", made.snapshotId());
    if (origin.transform() != null) {
      details.put("transform", origin.transform());
      details.put("inputs", DatasetVersion.inputsText(origin.inputs()));
    }
    details.put("rowsRead", outcome.rowsRead());
    details.put("rowsWritten", outcome.rowsWritten());
    details.put("rowsQuarantined", outcome.rowsQuarantined());
    details.put("rowsDeduplicated", outcome.rowsDeduplicated());
    details.put("bytesWritten", outcome.bytesWritten());
    if (!origin.replayedRows().isEmpty()) {
      details.put("replayedRows", origin.replayedRows().size());
    }
    if (origin.connected() != null) {
      details.put("connection", origin.connected().connectionName());
    }
    audit.append(
        tenant, AuditEvent.success(caller, "dataset." + origin.name(), name, context, details));
    meter(
        tenant,
        prepared.dataset(),
        upload,
        outcome,
        origin.name(),
        origin.connected() == null ? null : origin.connected().connectionName());
    return made;
  }

  private void meter(
      TenantId tenant,
      Dataset dataset,
      Upload upload,
      WriteOutcome outcome,
      String source,
      String connection) {
    Instant now = Instant.now();
    String resource = dataset.id().toString();
    // Rows and bytes ingested per connection: finance reads them by the connection tag.
    Map<String, String> tags =
        connection == null
            ? Map.of("dataset", dataset.name(), "source", source)
            : Map.of("dataset", dataset.name(), "source", source, "connection", connection);
    List<UsageEvent> events =
        List.of(
            new UsageEvent(
                "upload:" + upload.id() + ":rows",
                tenant,
                "dataset.rows.ingested",
                BigDecimal.valueOf(outcome.rowsWritten()),
                "row",
                now,
                UsageCategory.INGESTION,
                resource,
                tags),
            new UsageEvent(
                "upload:" + upload.id() + ":bytes",
                tenant,
                "dataset.bytes.written",
                BigDecimal.valueOf(outcome.bytesWritten()),
                "byte",
                now,
                UsageCategory.STORAGE,
                resource,
                tags));
    scope.withConnection(c -> LEDGER.record(c, tenant, events));
  }
}
