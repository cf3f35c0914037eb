package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.glossary.Glossary;
import io.millwright.server.glossary.GlossaryTerm;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * A tenant's datasets: declare, list, read versions and rows, roll back, delete. Each method is one
 * transaction in the tenant's scope; every change is audited in it.
 */
@ApplicationScoped
@Transactional
public class Datasets {

  public static final int MAX_PREVIEW_ROWS = 1000;

  /** Who may declare, upload, roll back and delete datasets, read quarantine and see PII values. */
  public static final Set<TenantRole> WRITERS =
      Set.of(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  @Inject DatasetStore store;
  @Inject DatasetTables tables;
  @Inject Glossary glossary;
  @Inject AuditTrail audit;
  @Inject Quarantine quarantine;

  public Dataset create(TenantId tenant, DatasetSpec spec, Caller caller, RequestContext context) {
    DatasetContract contract = DatasetContract.validate(spec, terms(tenant));
    if (store.find(tenant, contract.name()).isPresent()) {
      throw new ProblemException(
          Problem.conflict("A dataset named '" + contract.name() + "' already exists."));
    }
    Dataset dataset = store.insert(tenant, contract, caller.displayName());
    tables.create(dataset);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("columns", contract.columns().size());
    details.put("primaryKey", contract.primaryKey());
    details.put("partitioning", contract.toSpec().partitioning());
    audit.append(
        tenant, AuditEvent.success(caller, "dataset.create", contract.name(), context, details));
    return store.find(tenant, contract.name()).orElseThrow();
  }

  public List<Dataset> list(TenantId tenant) {
    return store.list(tenant);
  }

  public Dataset get(TenantId tenant, String name) {
    return store
        .find(tenant, name)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound("There is no dataset named '" + name + "'.")));
  }

  /** The versions, newest first. */
  public List<DatasetVersion> versions(TenantId tenant, String name) {
    Table table = tables.open(get(tenant, name));
    Snapshot current = table.currentSnapshot();
    List<DatasetVersion> versions = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      versions.add(DatasetVersion.of(s, current != null && current.snapshotId() == s.snapshotId()));
    }
    versions.sort(
        (a, b) -> Long.compare(b.committedAt().toEpochMilli(), a.committedAt().toEpochMilli()));
    return versions;
  }

  /** Row count of the current version (0 before the first write). */
  public long rowCount(Table table) {
    Snapshot s = table.currentSnapshot();
    return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
  }

  public Table table(Dataset dataset) {
    Table table = tables.open(dataset);
    table.refresh();
    return table;
  }

  /**
   * Rows of a version (time travel), at most {@code limit}.
   *
   * @param version a snapshot id, or null for the current version
   */
  public Preview preview(TenantId tenant, String name, Long version, int limit) {
    Dataset dataset = get(tenant, name);
    Table table = tables.open(dataset);
    Snapshot snapshot = version == null ? table.currentSnapshot() : table.snapshot(version);
    if (version != null && snapshot == null) {
      throw new ProblemException(
          Problem.notFound("Dataset '" + name + "' has no version " + version + "."));
    }
    List<String> columns =
        table
            .schemas()
            .get(snapshot == null ? table.schema().schemaId() : snapshot.schemaId())
            .columns()
            .stream()
            .map(Types.NestedField::name)
            .toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (snapshot != null) {
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(table).useSnapshot(snapshot.snapshotId()).build()) {
        for (Record r : records) {
          if (rows.size() >= Math.min(limit, MAX_PREVIEW_ROWS)) {
            break;
          }
          Map<String, Object> row = new LinkedHashMap<>();
          for (String c : columns) {
            row.put(c, jsonValue(r.getField(c)));
          }
          rows.add(row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Preview(
        snapshot == null ? null : snapshot.snapshotId(), columns, rows, rowCountOf(snapshot));
  }

  /** Rows of one version with the columns they were written with. */
  public record Preview(
      Long version, List<String> columns, List<Map<String, Object>> rows, long totalRows) {}

  /**
   * Two versions side by side: their counts, and how the schema changed from the first to the
   * second (columns added, removed, retyped).
   */
  public Map<String, Object> compare(TenantId tenant, String name, long from, long to) {
    Table table = tables.open(get(tenant, name));
    Snapshot a = table.snapshot(from);
    Snapshot b = table.snapshot(to);
    if (a == null || b == null) {
      throw new ProblemException(
          Problem.notFound(
              "Dataset '" + name + "' has no version " + (a == null ? from : to) + "."));
    }
    Map<String, String> before = columnTypes(table, a);
    Map<String, String> after = columnTypes(table, b);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    after.forEach(
        (column, type) -> {
          if (!before.containsKey(column)) {
            added.add(column + " " + type);
          } else if (!before.get(column).equals(type)) {
            retyped.add(column + " " + before.get(column) + " → " + type);
          }
        });
    before.keySet().stream().filter(c -> !after.containsKey(c)).forEach(removed::add);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", DatasetVersion.of(a, false));
    out.put("to", DatasetVersion.of(b, false));
    out.put("rowDifference", rowCountOf(b) - rowCountOf(a));
    out.put("columnsAdded", added);
    out.put("columnsRemoved", removed);
    out.put("columnsRetyped", retyped);
    return out;
  }

  private static Map<String, String> columnTypes(Table table, Snapshot s) {
    Map<String, String> types = new LinkedHashMap<>();
    org.apache.iceberg.Schema schema =
        s.schemaId() == null ? table.schema() : table.schemas().get(s.schemaId());
    schema.columns().forEach(f -> types.put(f.name(), f.type().toString()));
    return types;
  }

  /** Makes an earlier (or later) version current again; the versions in between stay listed. */
  public DatasetVersion rollback(
      TenantId tenant, String name, long version, Caller caller, RequestContext context) {
    Dataset dataset = get(tenant, name);
    Table table = tables.open(dataset);
    Snapshot from = table.currentSnapshot();
    if (table.snapshot(version) == null) {
      throw new ProblemException(
          Problem.notFound("Dataset '" + name + "' has no version " + version + "."));
    }
    table.manageSnapshots().setCurrentSnapshot(version).commit();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from == null ? null : from.snapshotId());
    details.put("to", version);
    audit.append(tenant, AuditEvent.success(caller, "dataset.rollback", name, context, details));
    return DatasetVersion.of(table.snapshot(version), true);
  }

  /** Gives up quarantined rows for good (they stay listed as discarded); audited. */
  public int discard(
      TenantId tenant, String name, List<Long> rows, Caller caller, RequestContext context) {
    Dataset dataset = get(tenant, name);
    int n = quarantine.resolve(tenant, dataset.id(), rows, "discarded", caller.displayName());
    audit.append(
        tenant,
        AuditEvent.success(caller, "dataset.quarantine.discard", name, context, Map.of("rows", n)));
    return n;
  }

  /** Deletes the catalog entry (uploads and quarantine with it); returns the dataset's id. */
  public UUID delete(TenantId tenant, String name, Caller caller, RequestContext context) {
    Dataset dataset = get(tenant, name);
    List<String> writers = store.connectionsWritingInto(tenant, dataset.id());
    if (!writers.isEmpty()) {
      throw new ProblemException(
          Problem.conflict(
              "Dataset "
                  + name
                  + " is written by connection(s) "
                  + writers
                  + "; delete them or point them at another dataset first."));
    }
    store.delete(tenant, dataset.id());
    audit.append(tenant, AuditEvent.success(caller, "dataset.delete", name, context, Map.of()));
    return dataset.id();
  }

  /** Removes a deleted dataset's files; called after the deletion committed. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void removeFiles(TenantId tenant, UUID dataset) {
    tables.deleteDataset(tenant, dataset);
  }

  public Map<String, GlossaryTerm> terms(TenantId tenant) {
    return glossary.list(tenant).stream()
        .collect(Collectors.toMap(GlossaryTerm::term, Function.identity()));
  }

  private static long rowCountOf(Snapshot s) {
    return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-records", "0"));
  }

  static Object jsonValue(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return d.toString();
    }
    return v;
  }
}
