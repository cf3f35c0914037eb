package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provisioning across PostgreSQL and Keycloak never leaves a half-made tenant: not when Keycloak
 * stops answering mid-way, and not when the server is killed mid-way.
 */
class ProvisioningFailureIT {

  @AfterEach
  void thawKeycloak() {
    Keycloak.thaw();
  }

  @Test
  void keycloakDownDuringProvisioningLeavesNothingAndTheRetrySucceeds() {
    String admin = Keycloak.platformAdminToken();
    String slug = Fixtures.uniqueSlug("kcdown");
    String body =
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Down\",\"adminEmail\":\"a@"
            + slug
            + ".example.com\"}";
    Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

    Keycloak.freeze();
    Reply failed = Api.send("POST", "/api/admin/tenants", admin, body, key);
    Keycloak.thaw();

    assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
    assertThat(failed.isProblem()).isTrue();
    assertThat(failed.json().getString("provisioning")).isIn("rolled-back", "rollback-pending");
    assertThat(failed.json().getBoolean("retryable")).isTrue();
    assertNothingLeftOf(slug);

    Reply retried = Api.send("POST", "/api/admin/tenants", admin, body, key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(Keycloak.organizationExists(slug)).isTrue();
  }

  @Test
  void killingTheServerMidProvisioningLeavesNoHalfMadeTenant() throws Exception {
    String admin = Keycloak.platformAdminToken();
    String slug = Fixtures.uniqueSlug("killed");
    String body =
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Killed\",\"adminEmail\":\"a@"
            + slug
            + ".example.com\"}";

    Keycloak.freeze(); // provisioning will wait on Keycloak after committing its first rows
    CompletableFuture<Reply> inFlight =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Api.post("/api/admin/tenants", admin, body);
              } catch (RuntimeException e) {
                return null; // the connection dies with the server
              }
            });
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.superuserCount(
                        "select count(*) from tenant where slug = ? and status = 'PROVISIONING'",
                        slug)
                    == 1);

    LibertyServer.killHard();
    Keycloak.thaw();
    inFlight.join();
    LibertyServer.start();

    assertNothingLeftOf(slug);
    Reply retried = Api.post("/api/admin/tenants", Keycloak.platformAdminToken(), body);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
  }

  private static void assertNothingLeftOf(String slug) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                Db.superuserCount("select count(*) from tenant where slug = ?", slug) == 0
                    && !Keycloak.organizationExists(slug));
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_key k where not exists (select 1"
                    + " from tenant t where t.id = k.tenant_id)"))
        .isZero();
    assertThat(Keycloak.userExists("a@" + slug + ".example.com")).isFalse();
    assertThat(
            Db.superuserCount(
                "select count(*) from audit_entry where action in"
                    + " ('tenant.create', 'tenant.create.recovered') and outcome <> 'DENIED' and target = ?"
                    + " and details like '%rolled-back%'",
                slug))
        .isEqualTo(1);
    try (var areas = Files.list(Path.of(Env.require("MILLWRIGHT_DATA_DIR"), "tenants"))) {
      assertThat(
              areas.filter(
                  p ->
                      Db.superuserCount(
                              "select count(*) from tenant where id =" + " ?::uuid",
                              p.getFileName().toString())
                          == 0))
          .isEmpty();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
