package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every mutation and denial is in the tenant's hash chain; tampering is found and named. */
class AuditTrailIT {

  static Fixtures.TestTenant tenant;
  static String auditor;
  static String analyst;

  @BeforeAll
  static void tenantWithHistory() {
    tenant = Fixtures.tenant("audit");
    auditor = Fixtures.member(tenant, "auditor", "auditor");
    analyst = Fixtures.member(tenant, "analyst", "analyst");
    // A denied attempt: the analyst tries to read the audit trail.
    assertThat(Api.get("/api/tenants/" + tenant.slug() + "/audit", analyst).status())
        .isEqualTo(403);
  }

  @Test
  void recordsProvisioningMembershipAndDenials() {
    Reply r = Api.get("/api/tenants/" + tenant.slug() + "/audit?size=100", auditor);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> actions =
        r.json().getJsonArray("items").stream()
            .map(v -> v.asJsonObject().getString("action"))
            .toList();
    assertThat(actions).contains("tenant.provisioned", "member.add", "access.denied");
    JsonObject denied =
        r.json().getJsonArray("items").stream()
            .map(v -> v.asJsonObject())
            .filter(e -> e.getString("action").equals("access.denied"))
            .findFirst()
            .orElseThrow();
    assertThat(denied.getString("outcome")).isEqualTo("DENIED");
    assertThat(denied.getString("actor")).startsWith("analyst@");
    assertThat(denied.getString("requestId")).isNotBlank();
    assertThat(denied.getString("sourceAddress")).isNotBlank();
    assertThat(denied.getString("target")).contains("/audit");
  }

  @Test
  void filtersByActorActionAndPages() {
    Reply added = Api.get("/api/tenants/" + tenant.slug() + "/audit?action=member.add", auditor);
    assertThat(added.json().getInt("total")).isEqualTo(2);
    Reply prefix = Api.get("/api/tenants/" + tenant.slug() + "/audit?action=member.*", auditor);
    assertThat(prefix.json().getInt("total")).isEqualTo(2);
    Reply byActor =
        Api.get("/api/tenants/" + tenant.slug() + "/audit?actor=" + tenant.adminEmail(), auditor);
    assertThat(byActor.json().getJsonArray("items"))
        .allSatisfy(
            e -> assertThat(e.asJsonObject().getString("actor")).isEqualTo(tenant.adminEmail()));
    Reply page = Api.get("/api/tenants/" + tenant.slug() + "/audit?size=1&page=1", auditor);
    assertThat(page.json().getJsonArray("items")).hasSize(1);
    Reply future = Api.get("/api/tenants/" + tenant.slug() + "/audit?from=2999-01-01", auditor);
    assertThat(future.json().getInt("total")).isZero();
    Reply bad = Api.get("/api/tenants/" + tenant.slug() + "/audit?from=yesterday", auditor);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.isProblem()).isTrue();
  }

  @Test
  void exportsCsv() {
    Reply csv =
        Api.send(
            "GET", "/api/tenants/" + tenant.slug() + "/audit?format=csv", auditor, null, Map.of());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("seq,id,occurred_at,actor");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
    assertThat(csv.body()).contains("member.add");
  }

  @Test
  void theApplicationRoleCannotChangeOrDeleteAuditRows() throws SQLException {
    try (Connection c = Db.appRole()) {
      c.setAutoCommit(false);
      TenantIsolationIT.setTenant(c, tenant.id());
      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .executeUpdate("update audit_entry set actor = 'someone-else'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      c.rollback();
      TenantIsolationIT.setTenant(c, tenant.id());
      assertThatThrownBy(() -> c.createStatement().executeUpdate("delete from audit_entry"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("permission denied");
      c.rollback();
    }
  }

  @Test
  void verifyFindsTheChainIntactThenNamesTheEntryASuperuserAltered() throws SQLException {
    Fixtures.TestTenant victim = Fixtures.tenant("tamper-audit");
    String admin = victim.adminToken();
    Fixtures.member(victim, "someone", "analyst");
    Fixtures.member(victim, "another", "finance");

    Reply intact = Api.get("/api/tenants/" + victim.slug() + "/audit/verify", admin);
    assertThat(intact.status()).isEqualTo(200);
    assertThat(intact.json().getBoolean("intact")).isTrue();
    long entries = intact.json().getJsonNumber("entriesChecked").longValue();
    assertThat(entries).isGreaterThanOrEqualTo(3);

    String alteredId;
    try (Connection c = Db.superuser()) {
      var rs =
          c.createStatement()
              .executeQuery(
                  "select id from audit_entry where tenant_id = '" + victim.id() + "' and seq = 2");
      rs.next();
      alteredId = rs.getString(1);
      assertThat(
              c.createStatement()
                  .executeUpdate(
                      "update audit_entry set actor = 'nobody'"
                          + " where tenant_id = '"
                          + victim.id()
                          + "' and seq = 2"))
          .isEqualTo(1);
    }

    Reply broken = Api.get("/api/tenants/" + victim.slug() + "/audit/verify", admin);
    assertThat(broken.json().getBoolean("intact")).isFalse();
    assertThat(broken.json().getJsonNumber("firstBrokenSeq").longValue()).isEqualTo(2);
    assertThat(broken.json().getString("firstBrokenId")).isEqualTo(alteredId);
    assertThat(broken.json().getString("reason")).contains("changed");
  }

  @Test
  void platformEventsAreInThePlatformChain() {
    String admin = Keycloak.platformAdminToken();
    Reply r = Api.get("/api/admin/audit?action=tenant.create&size=200", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(
            r.json().getJsonArray("items").stream().map(v -> v.asJsonObject().getString("target")))
        .contains(tenant.slug());
    assertThat(Api.get("/api/admin/audit/verify", admin).json().getBoolean("intact")).isTrue();
  }
}
