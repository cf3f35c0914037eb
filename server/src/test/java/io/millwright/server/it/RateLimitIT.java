package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant's apiRequestsPerMinute quota is enforced at the edge, per tenant. */
class RateLimitIT {

  @Test
  void aTenantOverItsQuotaGets429WithRetryAfterAndOthersAreUntouched() {
    Fixtures.TestTenant limited = Fixtures.tenant("limited");
    Fixtures.TestTenant other = Fixtures.tenant("unlimited");
    Reply patched =
        Api.send(
            "PATCH",
            "/api/admin/tenants/" + limited.slug(),
            Keycloak.platformAdminToken(),
            "{\"quotas\":{\"gpuConcurrency\":0,"
                + "\"gpuHoursPerMonth\":0,\"storageGb\":1,\"apiRequestsPerMinute\":3}}",
            Map.of());
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

    int ok = 0;
    Reply refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      Reply r = Api.get("/api/tenants/" + limited.slug(), limited.adminToken());
      if (r.status() == 200) {
        ok++;
      } else {
        refused = r;
      }
    }
    // At most the quota in one minute (fewer if the minute turned during the loop).
    assertThat(ok).isBetween(1, 6);
    assertThat(refused).isNotNull();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.json().getString("type")).endsWith("/rate-limited");
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);

    assertThat(Api.get("/api/tenants/" + other.slug(), other.adminToken()).status()).isEqualTo(200);
  }
}
