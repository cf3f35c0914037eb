package io.millwright.server.tenants;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.platform.config.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finishes what a dead process left: tenants still PROVISIONING that this node started in an
 * earlier life (it was killed mid-saga), or that any node started long ago, are compensated the
 * same way a failed attempt is. Runs at start-up and on the purge job's schedule.
 */
@ApplicationScoped
public class ProvisioningRecovery {

  private static final Logger LOG = Logger.getLogger(ProvisioningRecovery.class.getName());

  /** Far longer than any provisioning takes; older PROVISIONING rows are surely orphaned. */
  static final Duration STALE_AFTER = Duration.ofMinutes(10);

  @Inject TenantRegistry registry;
  @Inject TenantProvisioning provisioning;
  @Inject PlatformSettings settings;

  public int compensateInterruptedProvisioning() {
    int compensated = 0;
    for (Tenant tenant :
        registry.interruptedProvisioning(
            settings.nodeId(), TenantProvisioning.BOOT_ID, Instant.now().minus(STALE_AFTER))) {
      try {
        boolean done =
            provisioning.compensate(
                tenant,
                tenant.keycloakOrgId(),
                null,
                AuditEvent.system(
                    "tenant.create.recovered",
                    tenant.slug(),
                    Map.of(
                        "tenantId",
                        tenant.id().toString(),
                        "compensation",
                        "rolled-back",
                        "reason",
                        "provisioning was interrupted")));
        if (done) {
          compensated++;
          LOG.info(() -> "Rolled back interrupted provisioning of tenant '" + tenant.slug() + "'");
        } else {
          LOG.info(() -> "Rollback of tenant '" + tenant.slug() + "' still waits for Keycloak");
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not yet roll back tenant '" + tenant.slug() + "'", e);
      }
    }
    return compensated;
  }
}
