package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What operators and client generators read: health, metrics, OpenAPI. */
class OperationsIT {

  @Test
  void readinessChecksPostgresqlAndKeycloak() {
    Reply r = Api.get("/health/ready", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"postgresql\"")
        .contains("\"keycloak\"")
        .contains("\"status\":\"UP\"");
  }

  @Test
  void metricsAreExposedForPrometheus() {
    Fixtures.tenant("metrics"); // provisions at least once so the timer has a value
    Reply r = Api.get("/metrics", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    assertThat(r.body())
        .contains("millwright_tenant_provisioning_seconds")
        .contains("jvm_uptime_seconds");
  }

  @Test
  void theApiIsDescribedAtOpenapi() {
    Reply r = Api.get("/openapi", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
        .contains("/api/admin/tenants")
        .contains("/api/tenants/{slug}/members")
        .contains("/api/tenants/{slug}/audit/verify")
        .contains("/api/tenants/{slug}/usage")
        .contains("bearer");
  }

  @Test
  void everyResponseCarriesARequestId() {
    Reply r =
        Api.send(
            "GET",
            "/api/admin/tenants",
            null,
            null,
            java.util.Map.of("X-Request-Id", "trace-12345678"));
    assertThat(r.header("X-Request-Id")).isEqualTo("trace-12345678");
    assertThat(r.json().getString("requestId")).isEqualTo("trace-12345678");
    Reply bad =
        Api.send(
            "GET", "/api/admin/tenants", null, null, java.util.Map.of("X-Request-Id", "<script>"));
    assertThat(bad.header("X-Request-Id")).isNotEqualTo("<script>").hasSize(36);
  }

  @Test
  void unknownRoutesAnswerWithAProblem() {
    Reply r = Api.get("/api/no-such-thing", Keycloak.platformAdminToken());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.isProblem()).isTrue();
  }
}
