package io.millwright.server.audit;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads and verifies a tenant's audit chain, always inside that tenant's database scope. */
@ApplicationScoped
public class AuditReader {

  private static final String COLUMNS =
      "tenant_id, seq, id, occurred_at, actor, actor_type, action, target, outcome, request_id,"
          + " source_address, details, prev_hash, hash";

  @Inject DatabaseScope scope;

  /** One page of entries, newest first, and the total that match. */
  public record Page(List<AuditEntry> items, long total) {}

  @Transactional
  public Page page(TenantId tenant, AuditQuery query, int offset, int limit) {
    scope.enterTenant(tenant);
    List<AuditEntry> items = new ArrayList<>();
    long[] total = new long[1];
    scope.withConnection(
        c -> {
          Filter filter = Filter.of(tenant, query);
          try (PreparedStatement count =
              c.prepareStatement("select count(*) from audit_entry where " + filter.sql)) {
            filter.bind(count);
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              total[0] = rs.getLong(1);
            }
          }
          try (PreparedStatement select =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from audit_entry where "
                      + filter.sql
                      + " order by seq desc offset ? limit ?")) {
            int next = filter.bind(select);
            select.setInt(next, offset);
            select.setInt(next + 1, limit);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                items.add(read(rs));
              }
            }
          }
        });
    return new Page(items, total[0]);
  }

  /** Streams every matching entry, oldest first, to the consumer (CSV export). */
  @Transactional
  public void forEach(TenantId tenant, AuditQuery query, Consumer<AuditEntry> consumer) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          Filter filter = Filter.of(tenant, query);
          try (PreparedStatement select =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from audit_entry where "
                      + filter.sql
                      + " order by seq")) {
            filter.bind(select);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                consumer.accept(read(rs));
              }
            }
          }
        });
  }

  /**
   * Recomputes the whole chain from the first entry and names the first entry that does not verify:
   * a changed field (hash mismatch), a removed or reordered entry (sequence gap or broken link).
   */
  @Transactional
  public AuditVerdict verify(TenantId tenant) {
    scope.enterTenant(tenant);
    AuditVerdict[] verdict = new AuditVerdict[1];
    scope.withConnection(c -> verdict[0] = verify(c, tenant));
    return verdict[0];
  }

  static AuditVerdict verify(Connection c, TenantId tenant) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "select " + COLUMNS + " from audit_entry where tenant_id = ? order by seq")) {
      select.setObject(1, tenant.value());
      select.setFetchSize(2000);
      long checked = 0;
      long expectedSeq = 1;
      byte[] prev = AuditChain.GENESIS;
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          AuditEntry e = read(rs);
          checked++;
          String problem = null;
          if (e.seq() != expectedSeq) {
            problem = "entries before it are missing (expected position " + expectedSeq + ")";
          } else if (!Arrays.equals(e.prevHash(), prev)) {
            problem = "it does not link to the entry before it";
          } else if (!Arrays.equals(e.hash(), AuditChain.hash(e))) {
            problem = "its content was changed after it was written";
          }
          if (problem != null) {
            return new AuditVerdict(false, checked, e.seq(), e.id().toString(), problem);
          }
          prev = e.hash();
          expectedSeq++;
        }
      }
      return new AuditVerdict(true, checked, null, null, null);
    }
  }

  private static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(
        new TenantId(rs.getObject(1, UUID.class)),
        rs.getLong(2),
        rs.getObject(3, UUID.class),
        rs.getObject(4, OffsetDateTime.class).toInstant(),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        rs.getBytes(13),
        rs.getBytes(14));
  }

  /** A WHERE clause and its parameters, built from the query. */
  private record Filter(String sql, List<Object> params) {
    static Filter of(TenantId tenant, AuditQuery q) {
      StringBuilder sql = new StringBuilder("tenant_id = ?");
      List<Object> params = new ArrayList<>(List.of(tenant.value()));
      if (q.actor() != null) {
        sql.append(" and actor = ?");
        params.add(q.actor());
      }
      if (q.action() != null) {
        if (q.action().endsWith(".*")) {
          sql.append(" and action like ?");
          params.add(
              q.action()
                      .substring(0, q.action().length() - 1)
                      .replace("%", "\\%")
                      .replace("_", "\\_")
                  + "%");
        } else {
          sql.append(" and action = ?");
          params.add(q.action());
        }
      }
      if (q.outcome() != null) {
        sql.append(" and outcome = ?");
        params.add(q.outcome());
      }
      if (q.from() != null) {
        sql.append(" and occurred_at >= ?");
        params.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
      }
      if (q.to() != null) {
        sql.append(" and occurred_at < ?");
        params.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
      }
      return new Filter(sql.toString(), params);
    }

    int bind(PreparedStatement statement) throws SQLException {
      int i = 1;
      for (Object p : params) {
        statement.setObject(i++, p);
      }
      return i;
    }
  }
}
