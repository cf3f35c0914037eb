package io.millwright.server.connections;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Connections and their runs in the tenant's row-level-security scope (tables connection,
 * connection_run, push_delivery). Every method joins the caller's transaction or starts one.
 */
@ApplicationScoped
@Transactional
public class ConnectionStore {

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final String COLUMNS =
      "c.tenant_id, c.connection_id, c.name, c.description, c.connector_id, c.dataset_id, d.name,"
          + " c.config, c.secrets, c.schedule, c.write_mode, c.batch_records, c.batch_wait_ms,"
          + " c.state, c.paused_reason, c.consecutive_failures, c.committed_offset,"
          + " c.committed_snapshot, c.committed_at, c.created_at, c.created_by, c.updated_at,"
          + " c.version";
  private static final String FROM =
      " from connection c join dataset d on d.tenant_id = c.tenant_id and d.dataset_id ="
          + " c.dataset_id";
  private static final String RUN_COLUMNS =
      "run_id, connection_id, trigger, status, records_read, rows_written, rows_quarantined,"
          + " rows_deduplicated, commits, offset_from, offset_to, error, node_id, started_at,"
          + " finished_at";

  @Inject DatabaseScope scope;

  /** A connection with its sealed secrets, for the runtime and for updates. */
  public record Stored(Connection connection, byte[] sealedSecrets) {}

  public void insert(Connection c, byte[] sealedSecrets) {
    scope.enterTenant(c.tenant());
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "insert into connection (tenant_id, connection_id, name, description,"
                      + " connector_id, dataset_id, config, secrets, schedule, write_mode,"
                      + " batch_records, batch_wait_ms, state, created_by) values (?, ?, ?, ?, ?,"
                      + " ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, c.tenant().value());
            s.setObject(2, c.id());
            s.setString(3, c.name());
            s.setString(4, c.description());
            s.setString(5, c.connectorId());
            s.setObject(6, c.datasetId());
            s.setString(7, JSON.toJson(c.config()));
            s.setBytes(8, sealedSecrets);
            s.setString(9, c.schedule().text());
            s.setString(10, c.replace() ? "replace" : "append");
            s.setInt(11, c.batchRecords());
            s.setInt(12, (int) c.batchWait().toMillis());
            s.setString(13, c.active() ? "active" : "paused");
            s.setString(14, c.createdBy());
            s.executeUpdate();
          }
        });
  }

  /** Replaces the declared parts (not state, failures or offset); false when changed meanwhile. */
  public boolean update(Connection c, byte[] sealedSecrets, long expectedVersion) {
    scope.enterTenant(c.tenant());
    int[] n = new int[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "update connection set description = ?, dataset_id = ?, config = ?, secrets ="
                      + " ?, schedule = ?, write_mode = ?, batch_records = ?, batch_wait_ms = ?,"
                      + " updated_at = now(), version = version + 1 where tenant_id = ? and"
                      + " connection_id = ? and version = ?")) {
            s.setString(1, c.description());
            s.setObject(2, c.datasetId());
            s.setString(3, JSON.toJson(c.config()));
            s.setBytes(4, sealedSecrets);
            s.setString(5, c.schedule().text());
            s.setString(6, c.replace() ? "replace" : "append");
            s.setInt(7, c.batchRecords());
            s.setInt(8, (int) c.batchWait().toMillis());
            s.setObject(9, c.tenant().value());
            s.setObject(10, c.id());
            s.setLong(11, expectedVersion);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] == 1;
  }

  public List<Connection> list(TenantId tenant) {
    scope.enterTenant(tenant);
    List<Connection> found = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select " + COLUMNS + FROM + " where c.tenant_id = ? order by c.name")) {
            s.setObject(1, tenant.value());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(read(rs).connection());
              }
            }
          }
        });
    return found;
  }

  public Optional<Stored> find(TenantId tenant, String name) {
    return findWhere(tenant, "c.name = ?", name);
  }

  public Optional<Stored> find(TenantId tenant, UUID id) {
    return findWhere(tenant, "c.connection_id = ?", id);
  }

  private Optional<Stored> findWhere(TenantId tenant, String where, Object value) {
    scope.enterTenant(tenant);
    Stored[] found = new Stored[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select " + COLUMNS + FROM + " where c.tenant_id = ? and " + where)) {
            s.setObject(1, tenant.value());
            s.setObject(2, value);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                found[0] = read(rs);
              }
            }
          }
        });
    return Optional.ofNullable(found[0]);
  }

  /**
   * Every tenant's active connections, for the runtime at start-up. Their ids are listed in
   * platform scope (which sees connection rows, not datasets), then each is read in its tenant's
   * own scope.
   */
  public List<Connection> listActiveEverywhere() {
    scope.enterPlatform();
    Map<UUID, TenantId> ids = new LinkedHashMap<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
                  db.prepareStatement(
                      "select connection_id, tenant_id from connection where state = 'active'"
                          + " order by tenant_id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              ids.put(rs.getObject(1, UUID.class), new TenantId(rs.getObject(2, UUID.class)));
            }
          }
        });
    List<Connection> found = new ArrayList<>();
    ids.forEach((id, tenant) -> find(tenant, id).ifPresent(s -> found.add(s.connection())));
    return found;
  }

  public boolean delete(TenantId tenant, UUID id) {
    return execute(
            tenant, "delete from connection where tenant_id = ? and connection_id = ?", tenant, id)
        == 1;
  }

  /** Pauses (with the reason) or resumes; resuming clears the failure count. */
  public boolean setActive(TenantId tenant, UUID id, boolean active, String reason) {
    return execute(
            tenant,
            "update connection set state = ?, paused_reason = ?, consecutive_failures = case when"
                + " ? then 0 else consecutive_failures end, updated_at = now(), version = version"
                + " + 1 where tenant_id = ? and connection_id = ?",
            active ? "active" : "paused",
            active ? null : reason,
            active,
            tenant,
            id)
        == 1;
  }

  /** Counts one more failed run in a row; returns the new count. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public int countFailure(TenantId tenant, UUID id) {
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "update connection set consecutive_failures = consecutive_failures + 1 where"
                      + " tenant_id = ? and connection_id = ? returning consecutive_failures")) {
            s.setObject(1, tenant.value());
            s.setObject(2, id);
            try (ResultSet rs = s.executeQuery()) {
              n[0] = rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
    return n[0];
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void resetFailures(TenantId tenant, UUID id) {
    execute(
        tenant,
        "update connection set consecutive_failures = 0 where tenant_id = ? and connection_id = ?"
            + " and consecutive_failures <> 0",
        tenant,
        id);
  }

  /**
   * Moves the committed offset from {@code expected} to {@code next}, inside the dataset commit's
   * transaction. Compare-and-set: if another node (or an earlier, slower run) moved it meanwhile,
   * this throws and the whole commit rolls back, so a batch is never committed twice.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void advanceOffset(
      TenantId tenant, UUID id, String expected, String next, long snapshotId) {
    int n =
        execute(
            tenant,
            "update connection set committed_offset = ?, committed_snapshot = ?, committed_at ="
                + " now() where tenant_id = ? and connection_id = ? and committed_offset is not"
                + " distinct from ?",
            next,
            snapshotId,
            tenant,
            id,
            expected);
    if (n != 1) {
      throw new OffsetMovedException(
          "the committed offset of connection "
              + id
              + " moved while this batch was read; the batch is not committed");
    }
  }

  /**
   * Moves the committed offset when a poll read no records but the source moved on (a filtered
   * page, an empty file). Compare-and-set as in a data commit; the dataset keeps its version.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void advanceOffsetWithoutData(TenantId tenant, UUID id, String expected, String next) {
    int n =
        execute(
            tenant,
            "update connection set committed_offset = ?, committed_at = now() where tenant_id = ?"
                + " and connection_id = ? and committed_offset is not distinct from ?",
            next,
            tenant,
            id,
            expected);
    if (n != 1) {
      throw new OffsetMovedException(
          "the committed offset of connection " + id + " moved while it was being read");
    }
  }

  /** The committed offset as it is now (null before the first commit). */
  public Optional<String> committedOffset(TenantId tenant, UUID id) {
    return find(tenant, id).map(s -> s.connection().committedOffset());
  }

  // ---- runs ---------------------------------------------------------------------------------

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public UUID startRun(TenantId tenant, UUID connection, String trigger, String from, String node) {
    UUID run = UUID.randomUUID();
    execute(
        tenant,
        "insert into connection_run (tenant_id, run_id, connection_id, trigger, status,"
            + " offset_from, node_id) values (?, ?, ?, ?, 'running', ?, ?)",
        tenant,
        run,
        connection,
        trigger,
        from,
        node);
    return run;
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void addToRun(
      TenantId tenant,
      UUID run,
      long read,
      long written,
      long quarantined,
      long deduplicated,
      String offsetTo) {
    execute(
        tenant,
        "update connection_run set records_read = records_read + ?, rows_written = rows_written"
            + " + ?, rows_quarantined = rows_quarantined + ?, rows_deduplicated = rows_deduplicated"
            + " + ?, commits = commits + 1, offset_to = coalesce(?, offset_to) where tenant_id = ?"
            + " and run_id = ?",
        read,
        written,
        quarantined,
        deduplicated,
        offsetTo,
        tenant,
        run);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void finishRun(TenantId tenant, UUID run, String status, String error) {
    execute(
        tenant,
        "update connection_run set status = ?, error = ?, finished_at = now() where tenant_id = ?"
            + " and run_id = ? and status = 'running'",
        status,
        error == null ? null : error.length() > 2000 ? error.substring(0, 2000) : error,
        tenant,
        run);
  }

  public List<ConnectionRun> runs(TenantId tenant, UUID connection, int limit) {
    scope.enterTenant(tenant);
    List<ConnectionRun> found = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select "
                      + RUN_COLUMNS
                      + " from connection_run where tenant_id = ? and connection_id = ? order by"
                      + " started_at desc limit ?")) {
            s.setObject(1, tenant.value());
            s.setObject(2, connection);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(readRun(rs));
              }
            }
          }
        });
    return found;
  }

  /** At start-up: the runs this node had going when it stopped are marked interrupted. */
  public int interruptRunning(String node) {
    scope.enterPlatform();
    int[] n = new int[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "update connection_run set status = 'interrupted', finished_at = now(), error ="
                      + " 'the node stopped during the run' where status = 'running' and node_id"
                      + " = ?")) {
            s.setString(1, node);
            n[0] = s.executeUpdate();
          }
        });
    return n[0];
  }

  /** Whether a push delivery with this id was taken (and not yet forgotten). */
  public boolean deliverySeen(TenantId tenant, UUID connection, String deliveryId) {
    scope.enterTenant(tenant);
    boolean[] seen = new boolean[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select 1 from push_delivery where tenant_id = ? and connection_id = ?"
                      + " and delivery_id = ?")) {
            s.setObject(1, tenant.value());
            s.setObject(2, connection);
            s.setString(3, deliveryId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
              seen[0] = rs.next();
            }
          }
        });
    return seen[0];
  }

  /** Records a push delivery id; false when it was seen before (a replay). */
  public boolean rememberDelivery(TenantId tenant, UUID connection, String deliveryId) {
    return execute(
            tenant,
            "insert into push_delivery (tenant_id, connection_id, delivery_id) values (?, ?, ?)"
                + " on conflict do nothing",
            tenant,
            connection,
            deliveryId)
        == 1;
  }

  public void forgetDeliveriesBefore(TenantId tenant, UUID connection, Instant before) {
    execute(
        tenant,
        "delete from push_delivery where tenant_id = ? and connection_id = ? and received_at < ?",
        tenant,
        connection,
        Timestamp.from(before));
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

  private static void bind(PreparedStatement s, Object... values) throws SQLException {
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

  @SuppressWarnings("unchecked")
  private static Stored read(ResultSet rs) throws SQLException {
    Map<String, String> config = new LinkedHashMap<>(JSON.fromJson(rs.getString(8), HashMap.class));
    byte[] secrets = rs.getBytes(9);
    Set<String> secretNames = new TreeSet<>();
    Connection c =
        new Connection(
            new TenantId(rs.getObject(1, UUID.class)),
            rs.getObject(2, UUID.class),
            rs.getString(3),
            rs.getString(4),
            rs.getString(5),
            rs.getObject(6, UUID.class),
            rs.getString(7),
            config,
            secretNames,
            Schedule.parse(rs.getString(10)),
            "replace".equals(rs.getString(11)),
            rs.getInt(12),
            Duration.ofMillis(rs.getInt(13)),
            "active".equals(rs.getString(14)),
            rs.getString(15),
            rs.getInt(16),
            rs.getString(17),
            (Long) rs.getObject(18),
            instant(rs.getTimestamp(19)),
            instant(rs.getTimestamp(20)),
            rs.getString(21),
            instant(rs.getTimestamp(22)),
            rs.getLong(23));
    return new Stored(c, secrets);
  }

  private static ConnectionRun readRun(ResultSet rs) throws SQLException {
    return new ConnectionRun(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        rs.getInt(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getString(13),
        instant(rs.getTimestamp(14)),
        instant(rs.getTimestamp(15)));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
