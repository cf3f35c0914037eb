package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenant-admins manage members; roles decide what each member may do. */
class MembersIT {

  static Fixtures.TestTenant tenant;

  @BeforeAll
  static void tenant() {
    tenant = Fixtures.tenant("members");
  }

  @Test
  void inviteChangeRolesAndRemove() {
    String email = "carol@" + tenant.slug() + ".example.com";
    Reply added =
        Api.post(
            path(""), tenant.adminToken(), "{\"email\":\"" + email + "\",\"roles\":[\"analyst\"]}");
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
    assertThat(added.json().getString("temporaryPassword")).isNotBlank();
    String userId = added.json().getString("userId");
    assertThat(added.header("Location")).endsWith("/members/" + userId);

    Reply again =
        Api.post(
            path(""), tenant.adminToken(), "{\"email\":\"" + email + "\",\"roles\":[\"analyst\"]}");
    assertThat(again.status()).isEqualTo(409);

    Reply changed =
        Api.send(
            "PUT",
            path("/" + userId + "/roles"),
            tenant.adminToken(),
            "{\"roles\":[\"data-engineer\",\"analyst\"]}",
            Map.of());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().getJsonArray("roles").toString())
        .isEqualTo("[\"analyst\",\"data-engineer\"]");

    Reply list = Api.get(path(""), tenant.adminToken());
    assertThat(list.json().getJsonArray("items")).hasSize(2);

    assertThat(Api.delete(path("/" + userId), tenant.adminToken()).status()).isEqualTo(204);
    assertThat(Api.get(path(""), tenant.adminToken()).json().getJsonArray("items")).hasSize(1);
    assertThat(Api.delete(path("/" + userId), tenant.adminToken()).status()).isEqualTo(404);
  }

  @Test
  void refusesBadRolesAndEmails() {
    Reply role =
        Api.post(
            path(""),
            tenant.adminToken(),
            "{\"email\":\"dave@example.com\",\"roles\":[\"overlord\"]}");
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.json().getString("detail")).contains("overlord");
    Reply none = Api.post(path(""), tenant.adminToken(), "{\"email\":\"dave@example.com\"}");
    assertThat(none.status()).isEqualTo(400);
    Reply email =
        Api.post(path(""), tenant.adminToken(), "{\"email\":\"dave\",\"roles\":[\"analyst\"]}");
    assertThat(email.status()).isEqualTo(400);
  }

  @Test
  void keepsAtLeastOneTenantAdmin() {
    Reply demote =
        Api.send(
            "PUT",
            path("/" + tenant.adminUserId() + "/roles"),
            tenant.adminToken(),
            "{\"roles\":[\"analyst\"]}",
            Map.of());
    assertThat(demote.status()).isEqualTo(409);
    assertThat(Api.delete(path("/" + tenant.adminUserId()), tenant.adminToken()).status())
        .isEqualTo(409);
  }

  @Test
  void anAnalystCannotManageMembers() {
    String analyst = Fixtures.member(tenant, "erin", "analyst");
    assertThat(Api.get(path(""), analyst).status()).isEqualTo(403);
    assertThat(
            Api.post(
                    path(""),
                    analyst,
                    "{\"email\":\"frank@example.com\",\"roles\":[\"tenant-admin\"]}")
                .status())
        .isEqualTo(403);
    assertThat(Api.get("/api/tenants/" + tenant.slug(), analyst).status()).isEqualTo(200);
  }

  private static String path(String rest) {
    return "/api/tenants/" + tenant.slug() + "/members" + rest;
  }
}
