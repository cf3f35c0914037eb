package io.millwright.server.datasets;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.server.datasets.query.PlaintextSnapshot;
import io.millwright.server.datasets.query.QueryResult;
import io.millwright.server.datasets.query.QueryTable;
import io.millwright.server.datasets.query.SqlRefusedException;
import io.millwright.server.datasets.query.SqlSandbox;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Read-only SQL over a tenant's datasets, each at its current version or a chosen one. Only the
 * datasets the query names are decrypted into the query's scratch space; the sandbox can read those
 * files and nothing else.
 */
@ApplicationScoped
public class DatasetQueries {

  @Inject Datasets datasets;
  @Inject UsageRecorder usage;
  @Inject PlatformSettings settings;

  @Resource(lookup = "concurrent/millwright-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "millwright.sql.timeout", defaultValue = "PT60S")
  Duration timeout;

  @Inject
  @ConfigProperty(name = "millwright.sql.memory-limit", defaultValue = "1GB")
  String memoryLimit;

  @Inject
  @ConfigProperty(name = "millwright.sql.threads", defaultValue = "2")
  int threads;

  /** Where a query's plaintext files live while it runs; RAM (/dev/shm) when not set. */
  @Inject
  @ConfigProperty(name = "millwright.sql.scratch-dir")
  java.util.Optional<String> scratchDir;

  /** The answer and which version of each dataset it was computed on. */
  public record Answer(QueryResult result, Map<String, Long> versions, long bytesScanned) {}

  /**
   * @param versions dataset name → version to read instead of the current one
   * @param masked whether columns flagged PII are shown as "•••"
   */
  public Answer query(
      TenantId tenant, String sql, Map<String, Long> versions, int maxRows, boolean masked) {
    try (Session session = open(tenant, sql, versions, masked)) {
      QueryResult result = session.sandbox().query(sql, maxRows, timeout, scheduler);
      meter(tenant, session.bytes());
      return new Answer(result, session.versions(), session.bytes());
    } catch (SqlRefusedException e) {
      throw refused(e);
    }
  }

  /**
   * One row of a platform-written query over one version of one dataset (e.g. distinct counts for a
   * quality summary); not metered as the tenant's own SQL.
   */
  public List<Object> single(TenantId tenant, String dataset, long version, String sql) {
    try (Session session = open(tenant, sql, Map.of(dataset, version), false)) {
      QueryResult result = session.sandbox().query(sql, 1, timeout, scheduler);
      return result.rows().isEmpty() ? List.of() : result.rows().get(0);
    } catch (SqlRefusedException e) {
      throw refused(e);
    }
  }

  /**
   * A sandbox over the datasets a query names, their version files decrypted; closing it deletes
   * the plaintext.
   */
  public record Session(
      SqlSandbox sandbox, List<QueryTable> tables, Map<String, Long> versions, long bytes)
      implements AutoCloseable {
    @Override
    public void close() {
      sandbox.close();
      tables.forEach(t -> t.files().close());
    }
  }

  /**
   * @param versions dataset name → version to read instead of the current one
   * @param masked whether columns flagged PII are shown as "•••"
   */
  public Session open(TenantId tenant, String sql, Map<String, Long> versions, boolean masked) {
    List<Dataset> named = referenced(tenant, sql == null ? "" : sql, versions);
    List<QueryTable> tables = new ArrayList<>();
    Map<String, Long> used = new LinkedHashMap<>();
    long bytes = 0;
    boolean opened = false;
    try {
      for (Dataset d : named) {
        Table table = datasets.table(d);
        Long wanted = versions.get(d.name());
        Snapshot snapshot = wanted == null ? table.currentSnapshot() : table.snapshot(wanted);
        if (wanted != null && snapshot == null) {
          throw new ProblemException(
              Problem.notFound("Dataset '" + d.name() + "' has no version " + wanted + "."));
        }
        Schema schema =
            snapshot == null || snapshot.schemaId() == null
                ? table.schema()
                : table.schemas().get(snapshot.schemaId());
        PlaintextSnapshot files =
            PlaintextSnapshot.decrypt(table, snapshot, scratch().resolve(tenant.toString()));
        bytes += files.bytes();
        Set<String> hidden =
            masked
                ? Set.copyOf(
                    d.contract().columns().stream().filter(Column::pii).map(Column::name).toList())
                : Set.of();
        tables.add(
            new QueryTable(
                d.name(), snapshot == null ? 0 : snapshot.snapshotId(), schema, files, hidden));
        used.put(d.name(), snapshot == null ? null : snapshot.snapshotId());
      }
      Session session =
          new Session(new SqlSandbox(tables, memoryLimit, threads), tables, used, bytes);
      opened = true;
      return session;
    } finally {
      if (!opened) {
        tables.forEach(t -> t.files().close());
      }
    }
  }

  static ProblemException refused(SqlRefusedException e) {
    return new ProblemException(
        Problem.of(400, "sql-refused", "The query cannot run", e.getMessage()));
  }

  /** The tenant's datasets the query mentions by name (only these are decrypted). */
  private List<Dataset> referenced(TenantId tenant, String sql, Map<String, Long> versions) {
    List<Dataset> all = datasets.list(tenant);
    for (String name : versions.keySet()) {
      if (all.stream().noneMatch(d -> d.name().equals(name))) {
        throw new ProblemException(Problem.notFound("There is no dataset named '" + name + "'."));
      }
    }
    String lower = sql.toLowerCase(java.util.Locale.ROOT);
    return all.stream()
        .filter(d -> Pattern.compile("\\b" + Pattern.quote(d.name()) + "\\b").matcher(lower).find())
        .toList();
  }

  private Path scratch() {
    if (scratchDir.isPresent() && !scratchDir.get().isBlank()) {
      return Path.of(scratchDir.get());
    }
    // RAM-backed where the machine has it, so decrypted data never reaches a disk.
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm.resolve("millwright-" + settings.nodeId());
    }
    return settings.dataDir().resolve("scratch");
  }

  private void meter(TenantId tenant, long bytes) {
    String id = "sql:" + UUID.randomUUID();
    usage.record(
        tenant,
        List.of(
            new UsageEvent(
                id,
                tenant,
                "sql.bytes.scanned",
                BigDecimal.valueOf(bytes),
                "byte",
                Instant.now(),
                UsageCategory.PLATFORM,
                null,
                Map.of())));
  }
}
