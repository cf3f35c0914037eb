package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * Provisioning latency for 100 tenants, against a baseline measured in the same run: the same
 * Keycloak admin work (organization, user, membership) done directly, without the platform.
 */
class ProvisioningBenchmarkIT {

  private static final int TENANTS = 100;

  @Test
  void provisioningLatency() {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    String admin = Keycloak.platformAdminToken();
    String run = Fixtures.uniqueSlug("b");
    // Warm-up: first calls load classes and fill pools.
    for (int i = 0; i < 5; i++) {
      provision(admin, run + "-w" + i);
      Keycloak.directProvisioning(run + "-kw" + i);
    }
    double[] platform = new double[TENANTS];
    double[] keycloakOnly = new double[TENANTS];
    for (int i = 0; i < TENANTS; i++) {
      long start = System.nanoTime();
      provision(admin, run + "-" + i);
      platform[i] = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      Keycloak.directProvisioning(run + "-k" + i);
      keycloakOnly[i] = (System.nanoTime() - start) / 1e6;
      if (i % 20 == 19) {
        admin = Keycloak.platformAdminToken(); // tokens live five minutes
      }
    }
    double[] p = Bench.sortedCopy(platform);
    double[] k = Bench.sortedCopy(keycloakOnly);
    Bench.report(
        "| provisioning, "
            + TENANTS
            + " tenants | p50 "
            + Bench.f(Bench.percentile(p, 50))
            + " ms, p95 "
            + Bench.f(Bench.percentile(p, 95))
            + " ms, max "
            + Bench.f(p[p.length - 1])
            + " ms | Keycloak admin calls alone: p50 "
            + Bench.f(Bench.percentile(k, 50))
            + " ms, p95 "
            + Bench.f(Bench.percentile(k, 95))
            + " ms | ratio p50 "
            + Bench.f(Bench.percentile(p, 50) / Bench.percentile(k, 50))
            + "x |");
  }

  private static void provision(String admin, String slug) {
    Reply r =
        Api.post(
            "/api/admin/tenants",
            admin,
            "{\"slug\":\""
                + slug
                + "\",\"name\":\""
                + slug
                + "\",\"adminEmail\":\"admin@"
                + slug
                + ".example.com\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }
}
