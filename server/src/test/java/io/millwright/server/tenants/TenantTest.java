package io.millwright.server.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.tenancy.Plan;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A tenant's life: only the transitions the platform allows. */
class TenantTest {

  private Tenant provisioning() {
    return Tenant.beginProvisioning(
        TenantId.random(), "acme", "Acme", Plan.BUSINESS, "a@b.example.com", "node-1", "boot-1");
  }

  @Test
  void startsProvisioningWithThePlansQuotas() {
    Tenant t = provisioning();
    assertThat(t.status()).isEqualTo(TenantStatus.PROVISIONING);
    assertThat(t.quotas()).isEqualTo(Plan.BUSINESS.defaultQuotas());
  }

  @Test
  void activeTenantsSuspendResumeAndDelete() {
    Tenant t = provisioning();
    t.activate("org-1");
    t.suspend();
    assertThat(t.status()).isEqualTo(TenantStatus.SUSPENDED);
    t.resume();
    Instant now = Instant.now();
    t.markDeleted(now, now.plusSeconds(60));
    assertThat(t.status()).isEqualTo(TenantStatus.DELETED);
    assertThat(t.purgeAfter()).isEqualTo(now.plusSeconds(60));
    t.markPurged(now);
    assertThat(t.status()).isEqualTo(TenantStatus.PURGED);
  }

  @Test
  void refusesTransitionsOutOfOrder() {
    Tenant t = provisioning();
    assertThatThrownBy(t::suspend).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> t.markDeleted(Instant.now(), Instant.now()))
        .isInstanceOf(IllegalStateException.class);
    t.activate("org");
    assertThatThrownBy(t::resume)
        .isInstanceOf(TenantStateException.class)
        .hasMessageContaining("not suspended");
  }
}
