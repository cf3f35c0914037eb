package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Only genuine, current Keycloak tokens of this realm, issued for this API, get in. */
class BearerTokenIT {

  private static final String PROBE = "/api/admin/tenants?size=1";

  @Test
  void aValidTokenIsAccepted() {
    assertThat(Api.get(PROBE, Keycloak.platformAdminToken()).status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenIsRefused() {
    Keycloak.ensureShortLivedClient("it-short-lived");
    String token =
        Keycloak.passwordToken(
            "it-short-lived", "admin", Env.fromFile("MILLWRIGHT_ADMIN_PASSWORD_FILE"));
    // Genuine and accepted while it lives (three seconds, plus the test server's 2 s of skew)...
    assertThat(Api.get(PROBE, token).status()).isEqualTo(200);
    // ...and refused once it has expired.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Api.get(PROBE, token).status() == 401);
    Reply refused = Api.get(PROBE, token);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.json().getString("detail")).contains("expired");
  }

  @Test
  void aTokenFromAnotherIssuerIsRefused() {
    Reply r = Api.get(PROBE, Keycloak.masterRealmToken());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.isProblem()).isTrue();
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    // admin-cli tokens of the same realm carry no millwright-api audience.
    String token =
        Keycloak.passwordToken(
            "admin-cli", "admin", Env.fromFile("MILLWRIGHT_ADMIN_PASSWORD_FILE"));
    Reply r = Api.get(PROBE, token);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getString("detail")).contains("not issued for this API");
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String[] parts = Keycloak.platformAdminToken().split("\\.");
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    Reply withoutSignature = Api.get(PROBE, header + "." + parts[1] + ".");
    Reply keptSignature = Api.get(PROBE, header + "." + parts[1] + "." + parts[2]);
    assertThat(withoutSignature.status()).isEqualTo(401);
    assertThat(keptSignature.status()).isEqualTo(401);
  }

  @Test
  void aTamperedTokenIsRefused() {
    Fixtures.TestTenant tenant = Fixtures.tenant("tamper");
    String[] parts = tenant.adminToken().split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String elevated =
        claims.replace(
            "\"realm_access\":{\"roles\":[", "\"realm_access\":{\"roles\":[\"platform-admin\",");
    assertThat(elevated).isNotEqualTo(claims);
    Reply r = Api.get(PROBE, parts[0] + "." + b64(elevated) + "." + parts[2]);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.isProblem()).isTrue();
  }

  @Test
  void garbageIsRefused() {
    assertThat(Api.get(PROBE, "not-a-jwt").status()).isEqualTo(401);
    assertThat(
            Api.send(
                    "GET",
                    PROBE,
                    null,
                    null,
                    java.util.Map.of("Authorization", "Basic YWRtaW46YWRtaW4="))
                .status())
        .isEqualTo(401);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
