package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Makes tenants and members through the real API, with unique names per run. */
final class Fixtures {

  static final String PASSWORD = "It-Passw0rd-" + UUID.randomUUID().toString().substring(0, 8);

  private Fixtures() {}

  /** A provisioned tenant and a signed-in token of its first admin. */
  record TestTenant(
      String slug, String id, String adminEmail, String adminUserId, String adminToken) {}

  static String uniqueSlug(String prefix) {
    return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  static TestTenant tenant(String prefix) {
    String slug = uniqueSlug(prefix);
    String email = "admin@" + slug + ".example.com";
    Reply r =
        Api.post(
            "/api/admin/tenants",
            Keycloak.platformAdminToken(),
            "{\"slug\":\""
                + slug
                + "\",\"name\":\"Tenant "
                + slug
                + "\",\"adminEmail\":\""
                + email
                + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonObject body = r.json();
    String userId = body.getJsonObject("firstAdmin").getString("userId");
    Keycloak.setPassword(userId, PASSWORD);
    return new TestTenant(
        slug,
        body.getString("id"),
        email,
        userId,
        Keycloak.passwordToken("millwright-cli", email, PASSWORD));
  }

  /** Adds a person with the given roles to a tenant and returns their token. */
  static String member(TestTenant tenant, String name, String... roles) {
    String email = name + "@" + tenant.slug() + ".example.com";
    Reply r =
        Api.post(
            "/api/tenants/" + tenant.slug() + "/members",
            tenant.adminToken(),
            "{\"email\":\"" + email + "\",\"roles\":" + jsonList(List.of(roles)) + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    Keycloak.setPassword(r.json().getString("userId"), PASSWORD);
    return Keycloak.passwordToken("millwright-cli", email, PASSWORD);
  }

  static String jsonList(List<String> items) {
    return items.stream().map(Json::quote).toList().toString();
  }
}
