package io.millwright.server.datasets;

import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * How healthy a dataset's data is: a quality summary per version (null rates, min/max per column,
 * rule failures of the write that made it), read from the statistics Iceberg keeps for every data
 * file rather than by scanning rows; and alerts when the dataset misses its freshness expectation
 * or a write's volume jumps or drops far from the usual.
 */
@ApplicationScoped
@Transactional
public class DatasetHealth {

  /** A write more than this many times above or below the median of earlier writes is flagged. */
  static final double VOLUME_FACTOR = 3.0;

  @Inject Datasets datasets;
  @Inject DatasetQueries queries;

  public Map<String, Object> quality(TenantId tenant, String name, Long version) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    Snapshot snapshot = version == null ? table.currentSnapshot() : table.snapshot(version);
    Map<String, Object> out = new LinkedHashMap<>();
    if (snapshot == null) {
      if (version != null) {
        throw new io.millwright.server.platform.rest.ProblemException(
            io.millwright.server.platform.rest.Problem.notFound(
                "Dataset '" + name + "' has no version " + version + "."));
      }
      out.put("version", null);
      out.put("rows", 0);
      out.put("columns", List.of());
      return out;
    }
    Schema schema =
        snapshot.schemaId() == null ? table.schema() : table.schemas().get(snapshot.schemaId());
    long rows = 0;
    Map<Integer, long[]> counts = new LinkedHashMap<>(); // field id → {values, nulls}
    Map<Integer, Object> lower = new LinkedHashMap<>();
    Map<Integer, Object> upper = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        rows += f.recordCount();
        for (Types.NestedField field : schema.columns()) {
          int id = field.fieldId();
          long[] c = counts.computeIfAbsent(id, k -> new long[2]);
          Long values = f.valueCounts() == null ? null : f.valueCounts().get(id);
          Long nulls = f.nullValueCounts() == null ? null : f.nullValueCounts().get(id);
          // A file written before the column existed holds only nulls for it.
          c[0] += values == null ? f.recordCount() : values;
          c[1] += values == null ? f.recordCount() : nulls == null ? 0 : nulls;
          merge(lower, id, field, f.lowerBounds(), true);
          merge(upper, id, field, f.upperBounds(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Object> distinct = distinctCounts(tenant, name, snapshot, schema, rows);
    List<Map<String, Object>> columns = new ArrayList<>();
    int index = 0;
    for (Types.NestedField field : schema.columns()) {
      long[] c = counts.getOrDefault(field.fieldId(), new long[2]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", field.name());
      m.put("nullRate", c[0] == 0 ? 0.0 : (double) c[1] / c[0]);
      m.put("distinct", index < distinct.size() ? distinct.get(index) : null);
      index++;
      // Text bounds are truncated prefixes in Iceberg's statistics: shown only for other types.
      if (!(field.type() instanceof Types.StringType)) {
        m.put("min", Datasets.jsonValue(toJava(field, lower.get(field.fieldId()))));
        m.put("max", Datasets.jsonValue(toJava(field, upper.get(field.fieldId()))));
      }
      columns.add(m);
    }
    Map<String, Long> failures = new LinkedHashMap<>();
    snapshot
        .summary()
        .forEach(
            (k, v) -> {
              if (k.startsWith(DatasetVersion.FAILURES_PREFIX)) {
                failures.put(
                    k.substring(DatasetVersion.FAILURES_PREFIX.length()), Long.parseLong(v));
              }
            });
    out.put("version", snapshot.snapshotId());
    out.put("rows", rows);
    out.put("columns", columns);
    out.put("ruleFailures", failures);
    return out;
  }

  /**
   * Approximate distinct values per column (HyperLogLog in DuckDB, a few percent off on large
   * columns), over the version's files: the one figure file statistics do not carry.
   */
  private List<Object> distinctCounts(
      TenantId tenant, String name, Snapshot snapshot, Schema schema, long rows) {
    if (rows == 0) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (Types.NestedField f : schema.columns()) {
      parts.add("approx_count_distinct(\"" + f.name().replace("\"", "\"\"") + "\")");
    }
    return queries.single(
        tenant,
        name,
        snapshot.snapshotId(),
        "select " + String.join(", ", parts) + " from \"" + name + "\"");
  }

  /** Freshness and volume alerts for a dataset (empty list: all well). */
  public List<Map<String, Object>> alerts(TenantId tenant, String name, Instant now) {
    Dataset dataset = datasets.get(tenant, name);
    Table table = datasets.table(dataset);
    List<Map<String, Object>> alerts = new ArrayList<>();
    Duration expected = dataset.contract().freshness();
    Snapshot current = table.currentSnapshot();
    if (expected != null) {
      Instant last =
          current == null ? dataset.createdAt() : Instant.ofEpochMilli(current.timestampMillis());
      if (Duration.between(last, now).compareTo(expected) > 0) {
        alerts.add(
            Map.of(
                "kind",
                "stale",
                "message",
                "No new version since "
                    + last
                    + "; the dataset expects one every "
                    + expected
                    + "."));
      }
    }
    List<Long> written = new ArrayList<>();
    for (Snapshot s : table.snapshots()) {
      String w = s.summary().get(DatasetVersion.ROWS_WRITTEN);
      if (w != null && "upload".equals(s.summary().get(DatasetVersion.SOURCE))) {
        written.add(Long.parseLong(w));
      }
    }
    if (written.size() >= 4) {
      long latest = written.get(written.size() - 1);
      List<Long> earlier = new ArrayList<>(written.subList(0, written.size() - 1));
      earlier.sort(Long::compare);
      double median = earlier.get(earlier.size() / 2);
      if (median > 0 && (latest > median * VOLUME_FACTOR || latest < median / VOLUME_FACTOR)) {
        alerts.add(
            Map.of(
                "kind",
                latest > median ? "volume-jump" : "volume-drop",
                "message",
                "The last upload wrote "
                    + latest
                    + " rows; earlier uploads wrote "
                    + (long) median
                    + " (median)."));
      }
    }
    return alerts;
  }

  private static void merge(
      Map<Integer, Object> bounds,
      int id,
      Types.NestedField field,
      Map<Integer, ByteBuffer> fileBounds,
      boolean lowest) {
    if (fileBounds == null || fileBounds.get(id) == null) {
      return;
    }
    Object value = Conversions.fromByteBuffer(field.type(), fileBounds.get(id));
    Object known = bounds.get(id);
    if (known == null) {
      bounds.put(id, value);
      return;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    int cmp = ((Comparable) value).compareTo(known);
    if (lowest ? cmp < 0 : cmp > 0) {
      bounds.put(id, value);
    }
  }

  /** Iceberg's internal form (days, microseconds) as the Java value the API shows. */
  private static Object toJava(Types.NestedField field, Object value) {
    if (value == null) {
      return null;
    }
    if (field.type() instanceof Types.DateType) {
      return java.time.LocalDate.ofEpochDay((Integer) value);
    }
    if (field.type() instanceof Types.TimestampType) {
      long micros = (Long) value;
      return java.time.OffsetDateTime.ofInstant(
          Instant.EPOCH.plusNanos(micros * 1000), java.time.ZoneOffset.UTC);
    }
    return value;
  }
}
