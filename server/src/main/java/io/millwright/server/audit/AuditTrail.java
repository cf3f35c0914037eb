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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.annotation.Counted;

/**
 * Appends to a tenant's audit chain. An append joins the caller's transaction, so the entry commits
 * if and only if the change it records commits. Appends to one chain are serialized by a
 * transaction-scoped advisory lock on the tenant; different tenants never wait for each other.
 */
@ApplicationScoped
public class AuditTrail {

  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
  private static final String INSERT =
      "insert into audit_entry (tenant_id, seq, id, occurred_at, actor, actor_type, action,"
          + " target, outcome, request_id, source_address, details, prev_hash, hash)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Inject DatabaseScope scope;

  /** Appends one event to the tenant's chain inside the current transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void append(TenantId tenant, AuditEvent event) {
    scope.withConnection(c -> append(c, tenant, List.of(event)));
  }

  /**
   * Appends in a transaction of its own, for events that must be kept even though the request is
   * refused (access denied). A failure here is logged, never turned into a second error.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @Counted(
      name = "millwright.audit.separate.appends",
      absolute = true,
      description = "Audit entries written on their own, mostly access denials")
  public void appendInNewTransaction(TenantId tenant, AuditEvent event) {
    try {
      scope.withConnection(c -> append(c, tenant, List.of(event)));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not audit " + event.action() + " on " + tenant, e);
    }
  }

  /** Appends several events in order, in one round trip, inside the current transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void appendAll(TenantId tenant, List<AuditEvent> events) {
    scope.withConnection(c -> append(c, tenant, events));
  }

  /**
   * Appends events on a connection whose transaction the caller owns. Enters the tenant's
   * row-level-security scope for the append and restores the previous scope afterwards.
   */
  public static List<AuditEntry> append(Connection c, TenantId tenant, List<AuditEvent> events)
      throws SQLException {
    String previousTenant = currentTenantSetting(c);
    DatabaseScope.enterTenant(c, tenant);
    try {
      try (PreparedStatement lock =
          c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 7341))")) {
        lock.setString(1, "audit:" + tenant);
        lock.execute();
      }
      long seq = 0;
      byte[] prev = AuditChain.GENESIS;
      try (PreparedStatement head =
          c.prepareStatement(
              "select seq, hash from audit_entry where tenant_id = ? order by seq desc limit 1")) {
        head.setObject(1, tenant.value());
        try (ResultSet rs = head.executeQuery()) {
          if (rs.next()) {
            seq = rs.getLong(1);
            prev = rs.getBytes(2);
          }
        }
      }
      List<AuditEntry> written = new ArrayList<>(events.size());
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        for (AuditEvent event : events) {
          seq++;
          Instant now = AuditChain.storablePrecision(Instant.now());
          AuditEntry entry = chained(tenant, seq, now, event, prev);
          bind(insert, entry);
          insert.addBatch();
          written.add(entry);
          prev = entry.hash();
        }
        insert.executeBatch();
      }
      return written;
    } finally {
      DatabaseScope.setTenantSetting(c, previousTenant == null ? "" : previousTenant);
    }
  }

  private static AuditEntry chained(
      TenantId tenant, long seq, Instant time, AuditEvent e, byte[] prev) {
    UUID id = UUID.randomUUID();
    String details = CanonicalJson.write(e.details());
    byte[] hash =
        AuditChain.hash(
            prev,
            tenant,
            seq,
            id,
            time,
            e.actor(),
            e.actorType().name(),
            e.action(),
            e.target(),
            e.outcome().name(),
            e.requestId(),
            e.sourceAddress(),
            details);
    return new AuditEntry(
        tenant,
        seq,
        id,
        time,
        e.actor(),
        e.actorType().name(),
        e.action(),
        e.target(),
        e.outcome().name(),
        e.requestId(),
        e.sourceAddress(),
        details,
        prev,
        hash);
  }

  private static void bind(PreparedStatement insert, AuditEntry entry) throws SQLException {
    insert.setObject(1, entry.tenant().value());
    insert.setLong(2, entry.seq());
    insert.setObject(3, entry.id());
    insert.setObject(4, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
    insert.setString(5, entry.actor());
    insert.setString(6, entry.actorType());
    insert.setString(7, entry.action());
    insert.setString(8, entry.target());
    insert.setString(9, entry.outcome());
    insert.setString(10, entry.requestId());
    insert.setString(11, entry.sourceAddress());
    insert.setString(12, entry.details());
    insert.setBytes(13, entry.prevHash());
    insert.setBytes(14, entry.hash());
  }

  private static String currentTenantSetting(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("select current_setting('millwright.tenant_id', true)");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      String value = rs.getString(1);
      return value == null || value.isEmpty() ? null : value;
    }
  }
}
