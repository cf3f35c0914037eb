package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.maintenance.Compaction;
import io.millwright.server.datasets.maintenance.RowErasure;
import io.millwright.server.datasets.maintenance.RowPredicate;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.ExpireSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;

/**
 * Erasure, compaction and retention of a dataset. Each is one transaction: the Iceberg commit, the
 * audit entry and the catalog pointer together. Files that expired versions alone referenced are
 * only collected here and deleted by {@link #deleteFiles} after the transaction committed: deleting
 * them first would leave a rolled-back catalog pointing at files that are gone.
 */
@ApplicationScoped
@Transactional
public class DatasetMaintenance {

  @Inject Datasets datasets;
  @Inject DatasetTables tables;
  @Inject AuditTrail audit;

  /** What a maintenance action did; {@code obsoleteFiles} are deleted after commit. */
  public record Outcome(Map<String, Object> summary, List<String> obsoleteFiles) {}

  /**
   * Erases the rows matching the predicate from the current version on.
   *
   * @param purgeHistory also expire every earlier version, so no version holds the rows any more
   *     (what erasure of personal data requires); time travel to before it is then gone
   */
  public Outcome erase(
      TenantId tenant,
      String name,
      Map<String, Object> predicate,
      boolean purgeHistory,
      Caller caller,
      RequestContext context) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    Expression expression;
    try {
      expression =
          RowPredicate.toExpression(
              predicate,
              dataset.contract().columns(),
              new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC")));
    } catch (RowPredicate.Invalid e) {
      throw new ProblemException(Problem.invalidFields(Map.of("where", e.getMessage())));
    }
    String operation = UUID.randomUUID().toString();
    RowErasure.Staged staged = RowErasure.stage(table, expression, operation);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("rowsErased", staged.rowsErased());
    summary.put("filesRewritten", staged.filesRewritten());
    if (staged.overwrite() != null) {
      staged
          .overwrite()
          .set(DatasetVersion.SOURCE, "erasure")
          .set(DatasetVersion.ACTOR, caller.displayName())
          .set("millwright.rows-erased", Long.toString(staged.rowsErased()))
          .commit();
      table.refresh();
      summary.put("version", table.currentSnapshot().snapshotId());
    }
    List<String> obsolete = new ArrayList<>();
    if (purgeHistory && table.currentSnapshot() != null) {
      int expired = expire(table, Long.MAX_VALUE, 1, obsolete);
      summary.put("versionsExpired", expired);
    }
    Map<String, Object> details = new LinkedHashMap<>(summary);
    details.put("predicate", fingerprint(predicate));
    details.put("purgeHistory", purgeHistory);
    audit.append(tenant, AuditEvent.success(caller, "dataset.erase", name, context, details));
    return new Outcome(summary, obsolete);
  }

  /** Merges small files; the rows and the version's content stay the same. */
  public Outcome compact(TenantId tenant, String name, Caller caller, RequestContext context) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    Compaction.Staged staged = Compaction.stage(table, UUID.randomUUID().toString());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("filesBefore", staged.filesBefore());
    summary.put("filesAfter", staged.filesAfter());
    summary.put("rows", staged.rows());
    if (staged.rewrite() != null) {
      staged
          .rewrite()
          .set(DatasetVersion.SOURCE, "compaction")
          .set(DatasetVersion.ACTOR, caller.displayName())
          .commit();
      table.refresh();
      summary.put("version", table.currentSnapshot().snapshotId());
    }
    audit.append(tenant, AuditEvent.success(caller, "dataset.compact", name, context, summary));
    return new Outcome(summary, List.of());
  }

  /**
   * Expires versions the retention policy no longer keeps: older than {@code keepDays} and beyond
   * the newest {@code keepVersions} (defaults: 30 days, 10 versions).
   */
  public Outcome applyRetention(
      TenantId tenant, String name, Caller caller, RequestContext context) {
    return applyRetention(tenant, name, caller, context, true);
  }

  /**
   * @param auditNothing whether a pass that expired nothing is audited too (a person's request is;
   *     the scheduled pass over every dataset is not, or the trail would fill with no-ops)
   */
  public Outcome applyRetention(
      TenantId tenant, String name, Caller caller, RequestContext context, boolean auditNothing) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    DatasetSpec.Retention policy = dataset.contract().retention();
    int keepDays = policy == null || policy.keepDays() == null ? 30 : policy.keepDays();
    int keepVersions = policy == null || policy.keepVersions() == null ? 10 : policy.keepVersions();
    long cutoff = Instant.now().minus(keepDays, ChronoUnit.DAYS).toEpochMilli();
    List<String> obsolete = new ArrayList<>();
    int expired =
        table.currentSnapshot() == null ? 0 : expire(table, cutoff, keepVersions, obsolete);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("versionsExpired", expired);
    summary.put("filesDeleted", obsolete.size());
    summary.put("keepDays", keepDays);
    summary.put("keepVersions", keepVersions);
    if (auditNothing || expired > 0 || !obsolete.isEmpty()) {
      audit.append(tenant, AuditEvent.success(caller, "dataset.retention", name, context, summary));
    }
    return new Outcome(summary, obsolete);
  }

  /** Deletes files that only expired versions referenced; after the commit that expired them. */
  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public void deleteFiles(TenantId tenant, List<String> locations) {
    if (locations.isEmpty()) {
      return;
    }
    tables.deleteFiles(tenant, locations);
  }

  private static int expire(Table table, long olderThan, int retainLast, List<String> obsolete) {
    List<Long> before = table.snapshots().iterator().hasNext() ? ids(table) : List.of();
    boolean anyOld = false;
    for (Snapshot s : table.snapshots()) {
      anyOld |= s.timestampMillis() < olderThan;
    }
    if (before.size() <= retainLast || !anyOld) {
      return 0; // nothing can expire: no commit, so a scheduled pass leaves no new metadata
    }
    ExpireSnapshots expire =
        table
            .expireSnapshots()
            .expireOlderThan(
                olderThan == Long.MAX_VALUE ? System.currentTimeMillis() + 1 : olderThan)
            .retainLast(retainLast)
            // Collected, not deleted: see the class comment.
            .deleteWith(obsolete::add);
    expire.commit();
    table.refresh();
    return before.size() - ids(table).size();
  }

  private static List<Long> ids(Table table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      ids.add(s.snapshotId());
    }
    return ids;
  }

  /** The predicate as audited: columns and operators in clear, values as a SHA-256 prefix. */
  static String fingerprint(Map<String, Object> predicate) {
    try {
      String text = String.valueOf(predicate);
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return columnsOf(predicate) + " sha256:" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String columnsOf(Object predicate) {
    if (predicate instanceof Map<?, ?> m) {
      for (String c : List.of("and", "or")) {
        if (m.get(c) instanceof List<?> parts) {
          List<String> inner = new ArrayList<>();
          parts.forEach(p -> inner.add(columnsOf(p)));
          return "(" + String.join(" " + c + " ", inner) + ")";
        }
      }
      Object op = m.containsKey("op") ? m.get("op") : "=";
      return m.get("column") + " " + op;
    }
    return "?";
  }
}
