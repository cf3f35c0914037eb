package io.millwright.server.datasets;

import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.Snapshot;

/**
 * One version of a dataset: an Iceberg snapshot and what the platform recorded on it (source,
 * actor, counts).
 */
public record DatasetVersion(
    long id,
    Long parentId,
    Instant committedAt,
    String operation,
    boolean current,
    String source,
    String actor,
    String uploadId,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    long totalRows,
    long totalFiles,
    int schemaId) {

  /** Snapshot summary keys the platform writes on every commit. */
  public static final String SOURCE = "millwright.source";

  public static final String ACTOR = "millwright.actor";
  public static final String UPLOAD = "millwright.upload-id";
  public static final String ROWS_READ = "millwright.rows-read";
  public static final String ROWS_WRITTEN = "millwright.rows-written";
  public static final String ROWS_QUARANTINED = "millwright.rows-quarantined";
  public static final String ROWS_DEDUPLICATED = "millwright.rows-deduplicated";

  /** Rows of the write that failed each rule: {@code millwright.failures.<rule>}. */
  public static final String FAILURES_PREFIX = "millwright.failures.";

  /** The versions a transform read: {@code name@version,name@version}. */
  public static final String INPUTS = "millwright.inputs";

  public static final String TRANSFORM = "millwright.transform";

  /** The connection that wrote a version, and the source offset after its records. */
  public static final String CONNECTION = "millwright.connection";

  public static final String OFFSET = "millwright.offset";

  static String inputsText(Map<String, Long> inputs) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    inputs.forEach((name, version) -> parts.add(name + "@" + (version == null ? 0 : version)));
    return String.join(",", parts);
  }

  /** The inputs recorded on a snapshot (dataset name → version, 0 when it was empty). */
  public static Map<String, Long> inputsOf(Snapshot s) {
    Map<String, Long> inputs = new java.util.LinkedHashMap<>();
    String text = s.summary().get(INPUTS);
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        int at = part.lastIndexOf('@');
        inputs.put(part.substring(0, at), Long.parseLong(part.substring(at + 1)));
      }
    }
    return inputs;
  }

  static DatasetVersion of(Snapshot s, boolean current) {
    Map<String, String> m = s.summary();
    return new DatasetVersion(
        s.snapshotId(),
        s.parentId(),
        Instant.ofEpochMilli(s.timestampMillis()),
        s.operation(),
        current,
        m.getOrDefault(SOURCE, "unknown"),
        m.get(ACTOR),
        m.get(UPLOAD),
        number(m, ROWS_READ),
        number(m, ROWS_WRITTEN),
        number(m, ROWS_QUARANTINED),
        number(m, ROWS_DEDUPLICATED),
        number(m, "total-records"),
        number(m, "total-data-files"),
        s.schemaId() == null ? 0 : s.schemaId());
  }

  private static long number(Map<String, String> summary, String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }
}
