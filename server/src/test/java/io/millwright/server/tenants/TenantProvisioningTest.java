package io.millwright.server.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantProvisioningTest {

  @Test
  void auditKeepsAShortReasonNotAResponseBody() {
    String body = "x".repeat(5_000);
    String reason =
        TenantProvisioning.auditableReason(
            new IllegalStateException("Keycloak refused to create user: HTTP 400\n" + body));
    assertThat(reason)
        .startsWith("IllegalStateException: Keycloak refused to create user:")
        .hasSizeLessThan(200)
        .doesNotContain("\n");
  }
}
