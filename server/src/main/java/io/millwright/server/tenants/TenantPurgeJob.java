package io.millwright.server.tenants;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Purges deleted tenants once their grace period has passed: destroys the wrapped data key first
 * (crypto-shredding: from that moment anything encrypted under it is unrecoverable, also from
 * backups taken afterwards; older backups still hold the wrapped key), drops the tenant's rows and
 * leaves a PURGED tombstone. The storage area and Keycloak organization are removed first, so a
 * failure there leaves the tenant DELETED and the next pass retries the whole purge. Runs as the
 * owner role, because the application role may not delete audit or usage rows. Also retries
 * interrupted provisioning clean-up.
 */
@ApplicationScoped
public class TenantPurgeJob {

  private static final Logger LOG = Logger.getLogger(TenantPurgeJob.class.getName());

  /** Tenant tables emptied at purge, children first. Extended as features add tenant data. */
  private static final List<String> TENANT_TABLES =
      List.of(
          "model_promotion_request",
          "model_file",
          "model_alias_event",
          "model_version",
          "model",
          "training_run",
          "push_delivery",
          "connection_lease",
          "connection_run",
          "connection",
          "tenant_plugin",
          "dataset_transform",
          "dataset_quarantine",
          "dataset_upload",
          "dataset",
          "tenant_key",
          "tenant_member",
          "glossary_term",
          "usage_event",
          "audit_entry");

  @Resource(lookup = "jdbc/millwright-owner")
  DataSource ownerDataSource;

  @Resource(lookup = "concurrent/millwright-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject TenantRegistry registry;
  @Inject TenantStorage storage;
  @Inject jakarta.enterprise.inject.Instance<TenantDataEraser> erasers;
  @Inject KeycloakDirectory keycloak;
  @Inject PlatformSettings settings;
  @Inject ProvisioningRecovery recovery;
  @Inject IdempotencyStore idempotency;

  /** How long a repeated Idempotency-Key still replays the first outcome. */
  static final java.time.Duration IDEMPOTENCY_RETENTION = java.time.Duration.ofHours(24);

  public void schedule() {
    long seconds = Math.max(1, settings.purgeInterval().toSeconds());
    scheduler.scheduleWithFixedDelay(this::runOnce, seconds, seconds, TimeUnit.SECONDS);
  }

  /** One pass: purge every tenant that is due. Failures are logged and retried next pass. */
  public void runOnce() {
    // Each duty on its own: one failing must not stop the others.
    try {
      recovery.compensateInterruptedProvisioning();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Provisioning recovery pass failed; will retry", e);
    }
    try {
      idempotency.forgetBefore(Instant.now().minus(IDEMPOTENCY_RETENTION));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Idempotency clean-up failed; will retry", e);
    }
    try {
      for (Tenant tenant : registry.duePurge(Instant.now())) {
        try {
          purge(tenant);
        } catch (RuntimeException | SQLException e) {
          LOG.log(Level.WARNING, "Purge of tenant " + tenant.id() + " failed; will retry", e);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purge pass failed; will retry", e);
    }
  }

  void purge(Tenant tenant) throws SQLException {
    TenantId id = tenant.id();
    storage.destroy(id);
    for (TenantDataEraser eraser : erasers) {
      long removed = eraser.erase(id);
      if (removed > 0) {
        LOG.info(() -> "Purge of tenant " + id + ": " + removed + " objects removed");
      }
    }
    if (tenant.keycloakOrgId() != null) {
      keycloak.deleteOrganization(tenant.keycloakOrgId());
    }
    try (Connection c = ownerDataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        DatabaseScope.enterPlatform(c);
        DatabaseScope.enterTenant(c, id);
        for (String table : TENANT_TABLES) {
          try (PreparedStatement delete =
              c.prepareStatement("delete from " + table + " where tenant_id = ?")) {
            delete.setObject(1, id.value());
            delete.executeUpdate();
          }
        }
        try (PreparedStatement tombstone =
            c.prepareStatement(
                "update tenant set status ="
                    + " 'PURGED', purged_at = now(), updated_at = now(), version = version + 1,"
                    + " admin_email = 'erased@purged.invalid'"
                    + " where id = ? and status = 'DELETED'")) {
          tombstone.setObject(1, id.value());
          tombstone.executeUpdate();
        }
        AuditTrail.append(
            c,
            TenantId.PLATFORM,
            List.of(
                AuditEvent.system(
                    "tenant.purge",
                    tenant.slug(),
                    Map.of("tenantId", id.toString(), "dataKey", "destroyed"))));
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    LOG.info(() -> "Purged tenant '" + tenant.slug() + "' (" + id + ")");
  }
}
