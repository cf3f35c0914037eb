package io.millwright.server.models;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.lang.reflect.Type;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Training runs in the tenant's row-level-security scope; the job engine's admission reads every
 * tenant's queue in platform scope. Every method joins the caller's transaction or starts one.
 */
@ApplicationScoped
@Transactional
public class TrainingRunStore {

  static final Jsonb JSON = JsonbBuilder.create();
  private static final Type FEATURES =
      new ArrayList<Map<String, String>>() {}.getClass().getGenericSuperclass();
  private static final Type EPOCHS =
      new ArrayList<Map<String, Object>>() {}.getClass().getGenericSuperclass();
  private static final Type STRINGS =
      new HashMap<String, String>() {}.getClass().getGenericSuperclass();
  private static final Type DOUBLES =
      new HashMap<String, Double>() {}.getClass().getGenericSuperclass();

  private static final String COLUMNS =
      "tenant_id, run_id, model_name, dataset_id, dataset_name, snapshot_id, model_type, task,"
          + " target, features, time_column, split, validation_fraction, hyper_parameters, seed,"
          + " device, status, waiting_reason, cancel_requested, attempts, node_id, plugin_id,"
          + " plugin_version, model_type_version, epochs, epochs_planned, metrics, baseline,"
          + " training_rows, validation_rows, artifact_sha256, artifact_bytes, cpu_seconds,"
          + " gpu_seconds, model_version, error, requested_by, queued_at, started_at, finished_at, timings, model_file";

  @Inject DatabaseScope scope;

  public void insert(TrainingRun r) {
    execute(
        r.tenant(),
        "insert into training_run (tenant_id, run_id, model_name, dataset_id, dataset_name,"
            + " snapshot_id, model_type, task, target, features, time_column, split,"
            + " validation_fraction, hyper_parameters, seed, device, status, requested_by,"
            + " model_file) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?,"
            + " ?::uuid)",
        r.tenant(),
        r.id(),
        r.modelName(),
        r.datasetId(),
        r.datasetName(),
        r.snapshotId(),
        r.modelType(),
        r.task(),
        r.target(),
        JSON.toJson(r.features()),
        r.timeColumn(),
        r.split(),
        r.validationFraction(),
        JSON.toJson(r.hyperParameters()),
        r.seed(),
        r.device(),
        r.requestedBy(),
        r.modelFile());
  }

  public Optional<TrainingRun> find(TenantId tenant, UUID run) {
    List<TrainingRun> found =
        query(
            tenant,
            "select " + COLUMNS + " from training_run where tenant_id = ? and run_id = ?",
            tenant,
            run);
    return found.stream().findFirst();
  }

  public List<TrainingRun> list(TenantId tenant, int limit) {
    return query(
        tenant,
        "select "
            + COLUMNS
            + " from training_run where tenant_id = ? order by queued_at desc limit ?",
        tenant,
        limit);
  }

  /** Every tenant's queued and running runs, oldest first: the queue admission works on. */
  public List<TrainingRun> queueEverywhere() {
    scope.enterPlatform();
    List<TrainingRun> out = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from training_run where status in ('queued', 'running')"
                      + " order by queued_at, run_id")) {
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
        });
    return out;
  }

  /**
   * Serializes admission across every node until the transaction ends, so two nodes never hand out
   * the same free slot.
   */
  public void lockQueue() {
    scope.enterPlatform();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select pg_advisory_xact_lock(hashtext('millwright.training'))")) {
            s.execute();
          }
        });
  }

  /** CPU seconds of training each tenant used in runs that ended within the window. */
  public Map<TenantId, Double> recentCpuSeconds(java.time.Duration window) {
    scope.enterPlatform();
    Map<TenantId, Double> out = new HashMap<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select tenant_id, sum(cpu_seconds) from training_run where finished_at >= ?"
                      + " group by tenant_id")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(window)));
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.put(new TenantId(rs.getObject(1, UUID.class)), rs.getDouble(2));
              }
            }
          }
        });
    return out;
  }

  /**
   * Marks a queued run running on this node, unless it was cancelled meanwhile.
   *
   * @return false when the run is no longer queued (cancelled, or taken by another node)
   */
  public boolean start(TenantId tenant, UUID run, String node, String device) {
    return execute(
            tenant,
            "update training_run set status = 'running', node_id = ?, device = ?, started_at ="
                + " now(), attempts = attempts + 1, waiting_reason = null, epochs = '[]' where"
                + " tenant_id = ? and run_id = ? and status in ('queued', 'running') and not"
                + " cancel_requested",
            node,
            device,
            tenant,
            run)
        == 1;
  }

  public void waiting(TenantId tenant, UUID run, String reason) {
    execute(
        tenant,
        "update training_run set waiting_reason = ? where tenant_id = ? and run_id = ? and status"
            + " = 'queued'",
        reason,
        tenant,
        run);
  }

  public void plugin(
      TenantId tenant, UUID run, String pluginId, String pluginVersion, String typeVersion) {
    execute(
        tenant,
        "update training_run set plugin_id = ?, plugin_version = ?, model_type_version = ? where"
            + " tenant_id = ? and run_id = ?",
        pluginId,
        pluginVersion,
        typeVersion,
        tenant,
        run);
  }

  public void rows(TenantId tenant, UUID run, long training, long validation) {
    execute(
        tenant,
        "update training_run set training_rows = ?, validation_rows = ? where tenant_id = ? and"
            + " run_id = ?",
        training,
        validation,
        tenant,
        run);
  }

  public void epoch(TenantId tenant, UUID run, List<Map<String, Object>> epochs, int planned) {
    execute(
        tenant,
        "update training_run set epochs = ?, epochs_planned = ? where tenant_id = ? and run_id = ?",
        JSON.toJson(epochs),
        planned,
        tenant,
        run);
  }

  /** Whether someone asked to cancel the run (read by the training thread between epochs). */
  public boolean cancelRequested(TenantId tenant, UUID run) {
    return find(tenant, run).map(TrainingRun::cancelRequested).orElse(true);
  }

  /**
   * Asks a run to stop: a queued run is cancelled at once, a running one when its model type next
   * checks.
   *
   * @return false when it had finished already
   */
  public boolean requestCancel(TenantId tenant, UUID run) {
    int changed =
        execute(
            tenant,
            "update training_run set cancel_requested = true, status = case when status ="
                + " 'queued' then 'cancelled' else status end, finished_at = case when status ="
                + " 'queued' then now() else finished_at end where tenant_id = ? and run_id = ?"
                + " and status in ('queued', 'running')",
            tenant,
            run);
    return changed == 1;
  }

  public void succeeded(
      TenantId tenant,
      UUID run,
      Map<String, Double> metrics,
      Map<String, Double> baseline,
      String artifactLocation,
      String artifactSha256,
      long artifactBytes,
      int modelVersion,
      double cpuSeconds,
      double gpuSeconds,
      Map<String, Double> timings) {
    execute(
        tenant,
        "update training_run set status = 'succeeded', metrics = ?, baseline = ?,"
            + " artifact_location = ?, artifact_sha256 = ?, artifact_bytes = ?, model_version = ?,"
            + " cpu_seconds = cpu_seconds + ?, gpu_seconds = gpu_seconds + ?, finished_at = now(),"
            + " timings = ? where tenant_id = ? and run_id = ?",
        JSON.toJson(metrics),
        JSON.toJson(baseline),
        artifactLocation,
        artifactSha256,
        artifactBytes,
        modelVersion,
        cpuSeconds,
        gpuSeconds,
        JSON.toJson(timings),
        tenant,
        run);
  }

  public void ended(
      TenantId tenant,
      UUID run,
      String status,
      String error,
      double cpuSeconds,
      double gpuSeconds) {
    execute(
        tenant,
        "update training_run set status = ?, error = ?, cpu_seconds = cpu_seconds + ?,"
            + " gpu_seconds = gpu_seconds + ?, finished_at = now() where tenant_id = ? and run_id"
            + " = ? and status in ('queued', 'running')",
        status,
        error,
        cpuSeconds,
        gpuSeconds,
        tenant,
        run);
  }

  /** An automatic run's choice: the type and settings it keeps, and every candidate it tried. */
  public void chose(
      TenantId tenant,
      UUID run,
      String modelType,
      Map<String, String> hyperParameters,
      List<Map<String, Object>> candidates) {
    execute(
        tenant,
        "update training_run set model_type = ?, hyper_parameters = ?, search = ? where tenant_id"
            + " = ? and run_id = ?",
        modelType,
        JSON.toJson(hyperParameters),
        JSON.toJson(candidates),
        tenant,
        run);
  }

  /** What an automatic run tried; empty for a run of one named type. */
  public List<Map<String, Object>> search(TenantId tenant, UUID run) {
    scope.enterTenant(tenant);
    String[] json = new String[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select search from training_run where tenant_id = ? and run_id = ?")) {
            bind(s, tenant, run);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                json[0] = rs.getString(1);
              }
            }
          }
        });
    return json[0] == null ? List.of() : JSON.fromJson(json[0], EPOCHS);
  }

  /** GPU seconds the tenant's runs used since the first of this month (UTC). */
  public double gpuSecondsThisMonth(TenantId tenant) {
    scope.enterTenant(tenant);
    double[] sum = new double[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select coalesce(sum(gpu_seconds), 0) from training_run where tenant_id = ? and"
                      + " queued_at >= date_trunc('month', now() at time zone 'UTC') at time zone"
                      + " 'UTC'")) {
            bind(s, tenant);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              sum[0] = rs.getDouble(1);
            }
          }
        });
    return sum[0];
  }

  // ---- helpers ------------------------------------------------------------------------------

  private int execute(TenantId tenant, String sql, Object... values) {
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, values);
            n[0] = s.executeUpdate();
          }
        });
    return n[0];
  }

  private List<TrainingRun> query(TenantId tenant, String sql, Object... values) {
    scope.enterTenant(tenant);
    List<TrainingRun> out = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, values);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(read(rs));
              }
            }
          }
        });
    return out;
  }

  static void bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof TenantId t) {
        s.setObject(i + 1, t.value());
      } else if (v == null) {
        s.setNull(i + 1, Types.VARCHAR);
      } else {
        s.setObject(i + 1, v);
      }
    }
  }

  private static TrainingRun read(ResultSet rs) throws SQLException {
    return new TrainingRun(
        new TenantId(rs.getObject(1, UUID.class)),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        rs.getLong(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        JSON.fromJson(rs.getString(10), FEATURES),
        rs.getString(11),
        rs.getString(12),
        rs.getDouble(13),
        new LinkedHashMap<>(JSON.<Map<String, String>>fromJson(rs.getString(14), STRINGS)),
        rs.getLong(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getBoolean(19),
        rs.getInt(20),
        rs.getString(21),
        rs.getString(22),
        rs.getString(23),
        rs.getString(24),
        JSON.fromJson(rs.getString(25), EPOCHS),
        (Integer) rs.getObject(26),
        rs.getString(27) == null ? null : JSON.fromJson(rs.getString(27), DOUBLES),
        rs.getString(28) == null ? null : JSON.fromJson(rs.getString(28), DOUBLES),
        (Long) rs.getObject(29),
        (Long) rs.getObject(30),
        rs.getString(31),
        (Long) rs.getObject(32),
        rs.getDouble(33),
        rs.getDouble(34),
        (Integer) rs.getObject(35),
        rs.getString(36),
        rs.getString(37),
        instant(rs.getTimestamp(38)),
        instant(rs.getTimestamp(39)),
        instant(rs.getTimestamp(40)),
        rs.getString(41) == null ? Map.of() : JSON.fromJson(rs.getString(41), DOUBLES),
        rs.getObject(42, UUID.class));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
