package io.millwright.server.datasets;

import io.millwright.server.datasets.catalog.MetadataPointer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog rows of datasets and their uploads, in the tenant's row-level-security scope. Every
 * method joins the caller's transaction (or starts one), and enters the tenant first.
 */
@ApplicationScoped
@Transactional
public class DatasetStore {

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final String DATASET_COLUMNS =
      "tenant_id, dataset_id, name, owner, spec, metadata_location, created_at, created_by,"
          + " updated_at, version";
  private static final String UPLOAD_COLUMNS =
      "upload_id, dataset_id, idempotency_key, source, file_name, status, bytes_read, rows_read,"
          + " rows_written, rows_quarantined, rows_deduplicated, blank_lines, snapshot_id, problem,"
          + " started_at, started_by, finished_at";

  @Inject DatabaseScope scope;

  public static String specJson(DatasetContract contract) {
    return JSON.toJson(contract.toSpec());
  }

  public Dataset insert(TenantId tenant, DatasetContract contract, String owner) {
    UUID id = UUID.randomUUID();
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dataset (tenant_id, dataset_id, name, description, owner, spec,"
                      + " created_by) values (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, tenant.value());
            s.setObject(2, id);
            s.setString(3, contract.name());
            s.setString(4, contract.description());
            s.setString(5, owner);
            s.setString(6, specJson(contract));
            s.setString(7, owner);
            s.executeUpdate();
          }
        });
    return find(tenant, contract.name()).orElseThrow();
  }

  public List<Dataset> list(TenantId tenant) {
    scope.enterTenant(tenant);
    List<Dataset> found = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + DATASET_COLUMNS
                      + " from dataset where tenant_id = ? order by name")) {
            s.setObject(1, tenant.value());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(readDataset(rs));
              }
            }
          }
        });
    return found;
  }

  public Optional<Dataset> find(TenantId tenant, String name) {
    scope.enterTenant(tenant);
    Dataset[] found = new Dataset[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + DATASET_COLUMNS + " from dataset where tenant_id = ? and name = ?")) {
            s.setObject(1, tenant.value());
            s.setString(2, name);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                found[0] = readDataset(rs);
              }
            }
          }
        });
    return Optional.ofNullable(found[0]);
  }

  /** Replaces the contract, e.g. after schema evolution added columns. */
  public void updateContract(TenantId tenant, UUID dataset, DatasetContract contract) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset set spec = ?, description = ?, updated_at = now(), version ="
                      + " version + 1 where tenant_id = ? and dataset_id = ?")) {
            s.setString(1, specJson(contract));
            s.setString(2, contract.description());
            s.setObject(3, tenant.value());
            s.setObject(4, dataset);
            s.executeUpdate();
          }
        });
  }

  /** Names of the connections writing into a dataset (they keep it from being deleted). */
  public List<String> connectionsWritingInto(TenantId tenant, UUID dataset) {
    scope.enterTenant(tenant);
    List<String> names = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select name from connection where tenant_id = ? and dataset_id = ? order by"
                      + " name")) {
            s.setObject(1, tenant.value());
            s.setObject(2, dataset);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                names.add(rs.getString(1));
              }
            }
          }
        });
    return names;
  }

  public boolean delete(TenantId tenant, UUID dataset) {
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from dataset where tenant_id = ? and dataset_id = ?")) {
            s.setObject(1, tenant.value());
            s.setObject(2, dataset);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] == 1;
  }

  /** The tenant's wrapped data key, as stored at provisioning. */
  public byte[] wrappedDataKey(TenantId tenant) {
    scope.enterTenant(tenant);
    byte[][] key = new byte[1][];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("select wrapped_key from tenant_key where tenant_id = ?")) {
            s.setObject(1, tenant.value());
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                key[0] = rs.getBytes(1);
              }
            }
          }
        });
    if (key[0] == null) {
      throw new IllegalStateException("tenant " + tenant + " has no data key");
    }
    return key[0];
  }

  /**
   * The dataset's Iceberg catalog pointer, read and swapped on the connection of whichever
   * transaction is current when Iceberg calls it.
   */
  public MetadataPointer pointer(TenantId tenant, UUID dataset) {
    return new MetadataPointer() {
      @Override
      public String current() {
        scope.enterTenant(tenant);
        String[] location = new String[1];
        scope.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "select metadata_location from dataset where tenant_id = ? and dataset_id"
                          + " = ?")) {
                s.setObject(1, tenant.value());
                s.setObject(2, dataset);
                try (ResultSet rs = s.executeQuery()) {
                  if (rs.next()) {
                    location[0] = rs.getString(1);
                  }
                }
              }
            });
        return location[0];
      }

      @Override
      public boolean compareAndSet(String expected, String next) {
        scope.enterTenant(tenant);
        int[] n = new int[1];
        scope.withConnection(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      "update dataset set metadata_location = ?, previous_metadata_location ="
                          + " metadata_location, updated_at = now() where tenant_id = ? and"
                          + " dataset_id = ? and metadata_location is not distinct from ?")) {
                s.setString(1, next);
                s.setObject(2, tenant.value());
                s.setObject(3, dataset);
                s.setString(4, expected);
                n[0] = s.executeUpdate();
              }
            });
        return n[0] == 1;
      }
    };
  }

  // ---- uploads

  /**
   * Records an upload as running, in its own transaction so its progress is visible at once.
   *
   * @return empty when an upload with the same idempotency key already exists
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Upload> startUpload(
      TenantId tenant,
      UUID dataset,
      String idempotencyKey,
      String source,
      String fileName,
      String actor,
      String nodeId) {
    scope.enterTenant(tenant);
    UUID id = UUID.randomUUID();
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dataset_upload (tenant_id, upload_id, dataset_id, idempotency_key,"
                      + " source, file_name, status, node_id, started_by) values (?, ?, ?, ?, ?, ?,"
                      + " 'running', ?, ?) on conflict do nothing")) {
            s.setObject(1, tenant.value());
            s.setObject(2, id);
            s.setObject(3, dataset);
            s.setString(4, idempotencyKey);
            s.setString(5, source);
            s.setString(6, fileName);
            s.setString(7, nodeId);
            s.setString(8, actor);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] == 1 ? findUpload(tenant, dataset, id) : Optional.empty();
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void progress(TenantId tenant, UUID upload, long bytesRead, long rowsRead) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_upload set bytes_read = ?, rows_read = ? where tenant_id = ? and"
                      + " upload_id = ? and status = 'running'")) {
            s.setLong(1, bytesRead);
            s.setLong(2, rowsRead);
            s.setObject(3, tenant.value());
            s.setObject(4, upload);
            s.executeUpdate();
          }
        });
  }

  /** Finishes an upload with its final counts; joins the caller's (commit) transaction. */
  public void finishUpload(TenantId tenant, UUID upload, String status, UploadCounts counts) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_upload set status = ?, bytes_read = ?, rows_read = ?,"
                      + " rows_written = ?, rows_quarantined = ?, rows_deduplicated = ?,"
                      + " blank_lines = ?, snapshot_id = ?, problem = ?, finished_at = now() where"
                      + " tenant_id = ? and upload_id = ?")) {
            s.setString(1, status);
            s.setLong(2, counts.bytesRead());
            s.setLong(3, counts.rowsRead());
            s.setLong(4, counts.rowsWritten());
            s.setLong(5, counts.rowsQuarantined());
            s.setLong(6, counts.rowsDeduplicated());
            s.setLong(7, counts.blankLines());
            s.setObject(8, counts.snapshotId());
            s.setString(9, counts.problem());
            s.setObject(10, tenant.value());
            s.setObject(11, upload);
            s.executeUpdate();
          }
        });
  }

  /** Marks a rejected upload in its own transaction (the work it belonged to rolled back). */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void rejectUpload(TenantId tenant, UUID upload, UploadCounts counts) {
    finishUpload(tenant, upload, "rejected", counts);
  }

  public Optional<Upload> findUpload(TenantId tenant, UUID dataset, UUID upload) {
    return queryUploads(tenant, "dataset_id = ? and upload_id = ?", List.of(dataset, upload))
        .stream()
        .findFirst();
  }

  public Optional<Upload> findUploadByKey(TenantId tenant, UUID dataset, String idempotencyKey) {
    return queryUploads(
            tenant, "dataset_id = ? and idempotency_key = ?", List.of(dataset, idempotencyKey))
        .stream()
        .findFirst();
  }

  public List<Upload> recentUploads(TenantId tenant, UUID dataset, int limit) {
    return queryUploads(
        tenant, "dataset_id = ? order by started_at desc limit " + limit, List.of(dataset));
  }

  /**
   * Uploads this node was running when it stopped can never finish: marks them interrupted (in the
   * platform scope, across tenants). Their data files were never committed, so the datasets are
   * unchanged, and a retry with the same Idempotency-Key is accepted.
   */
  public int interruptRunningUploads(String nodeId) {
    scope.enterPlatform();
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_upload set status = 'interrupted', problem = 'the server"
                      + " stopped during the upload; nothing was written, retry it', finished_at ="
                      + " now() where status = 'running' and node_id = ?")) {
            s.setString(1, nodeId);
            n[0] = s.executeUpdate();
          }
        });
    return n[0];
  }

  /** Frees a failed upload's idempotency key so that a retry can use it. */
  public void releaseIdempotencyKey(TenantId tenant, UUID upload) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_upload set idempotency_key = null where tenant_id = ? and"
                      + " upload_id = ? and status in ('rejected', 'interrupted')")) {
            s.setObject(1, tenant.value());
            s.setObject(2, upload);
            s.executeUpdate();
          }
        });
  }

  private List<Upload> queryUploads(TenantId tenant, String where, List<Object> params) {
    scope.enterTenant(tenant);
    List<Upload> found = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + UPLOAD_COLUMNS
                      + " from dataset_upload where tenant_id = ? and "
                      + where)) {
            s.setObject(1, tenant.value());
            for (int i = 0; i < params.size(); i++) {
              s.setObject(i + 2, params.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(readUpload(rs));
              }
            }
          }
        });
    return found;
  }

  private static Upload readUpload(ResultSet rs) throws SQLException {
    long snapshot = rs.getLong("snapshot_id");
    Long snapshotId = rs.wasNull() ? null : snapshot;
    Timestamp finished = rs.getTimestamp("finished_at");
    return new Upload(
        rs.getObject("upload_id", UUID.class),
        rs.getObject("dataset_id", UUID.class),
        rs.getString("idempotency_key"),
        rs.getString("source"),
        rs.getString("file_name"),
        rs.getString("status"),
        rs.getLong("bytes_read"),
        rs.getLong("rows_read"),
        rs.getLong("rows_written"),
        rs.getLong("rows_quarantined"),
        rs.getLong("rows_deduplicated"),
        rs.getLong("blank_lines"),
        snapshotId,
        rs.getString("problem"),
        rs.getTimestamp("started_at").toInstant(),
        rs.getString("started_by"),
        finished == null ? null : finished.toInstant());
  }

  private static Dataset readDataset(ResultSet rs) throws SQLException {
    DatasetSpec spec = JSON.fromJson(rs.getString("spec"), DatasetSpec.class);
    return new Dataset(
        new TenantId(rs.getObject("tenant_id", UUID.class)),
        rs.getObject("dataset_id", UUID.class),
        rs.getString("name"),
        rs.getString("owner"),
        // Stored specs were validated when written; terms are checked again on every write.
        DatasetContract.validate(spec, Map.of(), false),
        rs.getString("metadata_location"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("version"));
  }
}
