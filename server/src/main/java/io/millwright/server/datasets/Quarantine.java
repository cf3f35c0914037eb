package io.millwright.server.datasets;

import io.millwright.server.datasets.pipeline.QuarantinedRow;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A dataset's quarantine: rows that failed standardization or validation, sealed with the tenant's
 * data key, with the rule and reason. Written in the transaction that commits the upload that read
 * them, so a quarantine never holds rows of an upload that did not happen.
 */
@ApplicationScoped
@Transactional
public class Quarantine {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject DatabaseScope scope;

  /** One quarantined row as shown to the people who fix it. */
  public record Entry(
      long id,
      UUID uploadId,
      long sourceRow,
      String rule,
      String reason,
      Map<String, String> raw,
      String status,
      Instant resolvedAt) {}

  public void add(
      TenantId tenant, UUID dataset, UUID upload, byte[] dataKey, List<QuarantinedRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    RowSealer sealer = new RowSealer(dataKey, dataset);
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dataset_quarantine (tenant_id, dataset_id, upload_id, source_row,"
                      + " rule, reason, raw_row) values (?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (QuarantinedRow row : rows) {
              s.setObject(1, tenant.value());
              s.setObject(2, dataset);
              s.setObject(3, upload);
              s.setLong(4, row.sourceRow());
              s.setString(5, row.rule());
              s.setString(6, truncate(row.reason(), 4000));
              s.setBytes(7, sealer.seal(JSON.toJson(row.raw())));
              s.addBatch();
              if (++batched % 1000 == 0) {
                s.executeBatch();
              }
            }
            s.executeBatch();
          }
        });
  }

  /** Rows in the given status ("open" by default), oldest first, after {@code afterId}. */
  public List<Entry> list(
      TenantId tenant, UUID dataset, byte[] dataKey, String status, long afterId, int limit) {
    RowSealer sealer = new RowSealer(dataKey, dataset);
    scope.enterTenant(tenant);
    List<Entry> entries = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select row_id, upload_id, source_row, rule, reason, raw_row, status,"
                      + " resolved_at from dataset_quarantine where tenant_id = ? and dataset_id"
                      + " = ? and status = ? and row_id > ? order by row_id limit ?")) {
            s.setObject(1, tenant.value());
            s.setObject(2, dataset);
            s.setString(3, status);
            s.setLong(4, afterId);
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                @SuppressWarnings("unchecked")
                Map<String, String> raw =
                    JSON.fromJson(sealer.open(rs.getBytes("raw_row")), LinkedHashMap.class);
                java.sql.Timestamp resolved = rs.getTimestamp("resolved_at");
                entries.add(
                    new Entry(
                        rs.getLong("row_id"),
                        rs.getObject("upload_id", UUID.class),
                        rs.getLong("source_row"),
                        rs.getString("rule"),
                        rs.getString("reason"),
                        raw,
                        rs.getString("status"),
                        resolved == null ? null : resolved.toInstant()));
              }
            }
          }
        });
    return entries;
  }

  /** The open rows among {@code ids}, opened with the tenant's key. */
  public List<Entry> open(TenantId tenant, UUID dataset, byte[] dataKey, List<Long> ids) {
    List<Entry> found = new ArrayList<>();
    for (Entry e : list(tenant, dataset, dataKey, "open", 0, Integer.MAX_VALUE)) {
      if (ids.contains(e.id())) {
        found.add(e);
      }
    }
    return found;
  }

  /**
   * Marks open rows replayed or discarded; joins the caller's transaction.
   *
   * @return how many rows changed
   */
  public int resolve(TenantId tenant, UUID dataset, List<Long> ids, String status, String actor) {
    if (ids.isEmpty()) {
      return 0;
    }
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_quarantine set status = ?, resolved_at = now(), resolved_by = ?"
                      + " where tenant_id = ? and dataset_id = ? and status = 'open' and row_id ="
                      + " any (?)")) {
            s.setString(1, status);
            s.setString(2, actor);
            s.setObject(3, tenant.value());
            s.setObject(4, dataset);
            s.setArray(5, c.createArrayOf("bigint", ids.toArray()));
            n[0] = s.executeUpdate();
          }
        });
    return n[0];
  }

  public long countOpen(TenantId tenant, UUID dataset) {
    scope.enterTenant(tenant);
    long[] n = new long[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select count(*) from dataset_quarantine where tenant_id = ? and dataset_id = ?"
                      + " and status = 'open'")) {
            s.setObject(1, tenant.value());
            s.setObject(2, dataset);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              n[0] = rs.getLong(1);
            }
          }
        });
    return n[0];
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
