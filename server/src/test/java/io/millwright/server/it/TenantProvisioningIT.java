package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API's provisioning contract, happy path and every refusal. */
class TenantProvisioningIT {

  static String admin;

  @BeforeAll
  static void signIn() {
    admin = Keycloak.platformAdminToken();
  }

  @Test
  void provisionsEverythingATenantNeeds() throws Exception {
    String slug = Fixtures.uniqueSlug("acme");
    String email = "first.admin@" + slug + ".example.com";
    Reply created =
        Api.post(
            "/api/admin/tenants",
            admin,
            "{\"slug\":\""
                + slug
                + "\",\"name\":\"Acme Farms\",\"plan\":\"business\",\"adminEmail\":\""
                + email
                + "\"}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.header("Location")).endsWith("/api/admin/tenants/" + slug);
    JsonObject body = created.json();
    assertThat(body.getString("status")).isEqualTo("active");
    assertThat(body.getString("plan")).isEqualTo("business");
    assertThat(body.getJsonObject("quotas").getInt("gpuConcurrency")).isEqualTo(1);
    JsonObject firstAdmin = body.getJsonObject("firstAdmin");
    assertThat(firstAdmin.getString("temporaryPassword")).hasSizeGreaterThanOrEqualTo(16);
    assertThat(firstAdmin.getBoolean("accountCreated")).isTrue();
    String tenantId = body.getString("id");

    // Database rows, wrapped key and storage area exist; Keycloak has the organization and user.
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant where id = ?::uuid and status =" + " 'ACTIVE'",
                tenantId))
        .isEqualTo(1);
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_key where tenant_id = ?::uuid and"
                    + " length(wrapped_key) = 61",
                tenantId))
        .isEqualTo(1);
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_member where tenant_id = ?::uuid"
                    + " and roles = 'tenant-admin'",
                tenantId))
        .isEqualTo(1);
    assertThat(java.nio.file.Path.of(Env.require("MILLWRIGHT_DATA_DIR"), "tenants", tenantId))
        .isDirectory();
    assertThat(Keycloak.organizationExists(slug)).isTrue();
    assertThat(Keycloak.userExists(email)).isTrue();

    // The first admin must change the temporary password before signing in.
    assertThat(Api.get("/api/admin/tenants/" + slug, admin).json().getInt("members")).isEqualTo(1);
    Keycloak.setPassword(firstAdmin.getString("userId"), Fixtures.PASSWORD);
    String tenantAdmin = Keycloak.passwordToken("millwright-cli", email, Fixtures.PASSWORD);
    Reply mine = Api.get("/api/tenants/" + slug, tenantAdmin);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json().getJsonArray("roles").getString(0)).isEqualTo("tenant-admin");

    // It is listed, and filtered by status.
    Reply active = Api.get("/api/admin/tenants?status=active&q=" + slug, admin);
    assertThat(active.json().getJsonArray("items")).hasSize(1);
    Reply suspended = Api.get("/api/admin/tenants?status=suspended&q=" + slug, admin);
    assertThat(suspended.json().getJsonArray("items")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "Acme",
        "acme_farms",
        "-acme",
        "acme-",
        "a very bad slug",
        "abcdefghijklmnopqrstuvwxyz0123456789abcde"
      })
  void refusesBadSlugsWith400(String slug) {
    Reply r =
        Api.post(
            "/api/admin/tenants",
            admin,
            "{\"slug\":"
                + Json.quote(slug)
                + ",\"name\":\"X\",\"adminEmail\":\"a@b.example.com\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.json().getString("detail")).contains("slug: a slug is 3 to 40 characters");
    assertThat(r.json().getJsonObject("errors").getString("slug")).isNotBlank();
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    Reply r =
        Api.post(
            "/api/admin/tenants",
            admin,
            "{\"slug\":\"ok-slug\",\"name\":\"\",\"plan\":\"gold\",\"adminEmail\":\"not-an-email\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonObject("errors").keySet())
        .containsExactlyInAnyOrder("name", "plan", "adminEmail");
  }

  @Test
  void refusesMalformedJsonWithAProblem() {
    Reply r = Api.post("/api/admin/tenants", admin, "{\"slug\": ");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void refusesATakenSlugWith409() {
    Fixtures.TestTenant existing = Fixtures.tenant("taken");
    Reply r =
        Api.post(
            "/api/admin/tenants",
            admin,
            "{\"slug\":\""
                + existing.slug()
                + "\",\"name\":\"Again\",\"adminEmail\":\"x@y.example.com\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.json().getString("type")).endsWith("/slug-taken");
  }

  @Test
  void refusesCallsWithoutATokenWith401() {
    Reply r = Api.get("/api/admin/tenants", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void refusesTenantAdminsOnTheAdminApiWith403() {
    Fixtures.TestTenant tenant = Fixtures.tenant("notadmin");
    Reply r = Api.get("/api/admin/tenants", tenant.adminToken());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.isProblem()).isTrue();
    Reply create =
        Api.post(
            "/api/admin/tenants",
            tenant.adminToken(),
            "{\"slug\":\""
                + Fixtures.uniqueSlug("x")
                + "\",\"name\":\"X\",\"adminEmail\":"
                + "\"a@b.example.com\"}");
    assertThat(create.status()).isEqualTo(403);
  }

  @Test
  void refusesMalformedQueryParametersWith400() {
    for (String query : new String[] {"page=abc", "size=0", "size=100000", "status=sleeping"}) {
      Reply r = Api.get("/api/admin/tenants?" + query, admin);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.isProblem()).isTrue();
    }
  }

  @Test
  void answersUnknownTenantsWith404() {
    Reply r =
        Api.get(
            "/api/admin/tenants/no-such-tenant-" + UUID.randomUUID().toString().substring(0, 6),
            admin);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.isProblem()).isTrue();
  }

  @Test
  void replaysTheSameOutcomeForTheSameIdempotencyKey() {
    String slug = Fixtures.uniqueSlug("idem");
    String body =
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Idem\",\"adminEmail\":\"a@"
            + slug
            + ".example.com\"}";
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    Reply first = Api.send("POST", "/api/admin/tenants", admin, body, key);
    Reply again = Api.send("POST", "/api/admin/tenants", admin, body, key);
    Reply other = Api.send("POST", "/api/admin/tenants", admin, body.replace("Idem", "Other"), key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.json().getJsonObject("firstAdmin").getString("temporaryPassword"))
        .doesNotContain(first.json().getJsonObject("firstAdmin").getString("temporaryPassword"));
    assertThat(other.status()).isEqualTo(422);
    assertThat(Db.superuserCount("select count(*) from tenant where slug = ?", slug)).isEqualTo(1);
  }

  @Test
  void changesNamePlanAndQuotas() {
    Fixtures.TestTenant tenant = Fixtures.tenant("patch");
    Reply plan =
        Api.send(
            "PATCH",
            "/api/admin/tenants/" + tenant.slug(),
            admin,
            "{\"name\":\"Renamed\",\"plan\":\"enterprise\"}",
            Map.of());
    assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
    assertThat(plan.json().getString("name")).isEqualTo("Renamed");
    assertThat(plan.json().getJsonObject("quotas").getInt("gpuConcurrency")).isEqualTo(4);

    Reply quotas =
        Api.send(
            "PATCH",
            "/api/admin/tenants/" + tenant.slug(),
            admin,
            "{\"quotas\":{\"gpuConcurrency\":2,\"gpuHoursPerMonth\":5,\"storageGb\":50,"
                + "\"apiRequestsPerMinute\":100}}",
            Map.of());
    assertThat(quotas.json().getJsonObject("quotas").getInt("gpuHoursPerMonth")).isEqualTo(5);

    Reply bad =
        Api.send(
            "PATCH",
            "/api/admin/tenants/" + tenant.slug(),
            admin,
            "{\"plan\":\"platinum\"}",
            Map.of());
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.isProblem()).isTrue();
  }

  @Test
  void suspendBlocksTheTenantAndResumeRestoresIt() {
    Fixtures.TestTenant tenant = Fixtures.tenant("susp");
    assertThat(Api.get("/api/tenants/" + tenant.slug(), tenant.adminToken()).status())
        .isEqualTo(200);

    assertThat(Api.post("/api/admin/tenants/" + tenant.slug() + "/suspend", admin, null).status())
        .isEqualTo(200);
    Reply blocked = Api.get("/api/tenants/" + tenant.slug() + "/members", tenant.adminToken());
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.json().getString("type")).endsWith("/tenant-suspended");
    assertThat(Api.post("/api/admin/tenants/" + tenant.slug() + "/suspend", admin, null).status())
        .isEqualTo(409);

    assertThat(Api.post("/api/admin/tenants/" + tenant.slug() + "/resume", admin, null).status())
        .isEqualTo(200);
    assertThat(Api.get("/api/tenants/" + tenant.slug() + "/members", tenant.adminToken()).status())
        .isEqualTo(200);
  }

  @Test
  void deleteRevokesAccessAtOnceAndThePurgeShredsTheKey() {
    Fixtures.TestTenant tenant = Fixtures.tenant("gone");
    Reply deleted = Api.delete("/api/admin/tenants/" + tenant.slug(), admin);
    assertThat(deleted.status()).isEqualTo(202);
    assertThat(deleted.json().getString("purgeAfter")).isNotBlank();

    // The very next call with a still-valid token is refused, as if the tenant never existed.
    Reply after = Api.get("/api/tenants/" + tenant.slug(), tenant.adminToken());
    assertThat(after.status()).isEqualTo(404);
    // Platform admins still see it, marked deleted, until the purge.
    Reply pending = Api.get("/api/admin/tenants/" + tenant.slug(), admin);
    assertThat(pending.json().getString("status")).isEqualTo("deleted");
    assertThat(Api.post("/api/admin/tenants/" + tenant.slug() + "/resume", admin, null).status())
        .isIn(404, 409);

    // After the grace period (a few seconds in the test configuration) the key is destroyed.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () ->
                Db.superuserCount(
                        "select count(*) from tenant where id = ?::uuid and" + " status = 'PURGED'",
                        tenant.id())
                    == 1);
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_key where tenant_id = ?::uuid", tenant.id()))
        .isZero();
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_member where tenant_id = ?::uuid", tenant.id()))
        .isZero();
    assertThat(java.nio.file.Path.of(Env.require("MILLWRIGHT_DATA_DIR"), "tenants", tenant.id()))
        .doesNotExist();
    assertThat(Keycloak.organizationExists(tenant.slug())).isFalse();
  }
}
