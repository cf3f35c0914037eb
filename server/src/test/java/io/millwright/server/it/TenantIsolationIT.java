package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What tenant A does, tenant B can neither see, change, nor guess; and the database agrees. */
class TenantIsolationIT {

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;

  @BeforeAll
  static void twoTenants() {
    a = Fixtures.tenant("iso-a");
    b = Fixtures.tenant("iso-b");
    Fixtures.member(b, "bob", "analyst");
  }

  @Test
  void aMemberOfAGetsTheSame404ForBAsForATenantThatDoesNotExist() {
    Reply otherTenant = Api.get("/api/tenants/" + b.slug() + "/members", a.adminToken());
    Reply noTenant = Api.get("/api/tenants/never-" + b.slug() + "/members", a.adminToken());

    assertThat(otherTenant.status()).isEqualTo(404);
    assertThat(noTenant.status()).isEqualTo(404);
    assertThat(otherTenant.json().getString("detail").replace(b.slug(), "X"))
        .isEqualTo(noTenant.json().getString("detail").replace("never-" + b.slug(), "X"));
  }

  @Test
  void aMemberOfACannotReadBsMembersAuditOrUsage() {
    for (String path : List.of("", "/members", "/audit", "/audit/verify", "/usage")) {
      Reply r = Api.get("/api/tenants/" + b.slug() + path, a.adminToken());
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.isProblem()).isTrue();
    }
  }

  @Test
  void aMemberOfACannotChangeBsMembers() {
    Reply add =
        Api.post(
            "/api/tenants/" + b.slug() + "/members",
            a.adminToken(),
            "{\"email\":\"intruder@example.com\",\"roles\":[\"tenant-admin\"]}");
    Reply roles =
        Api.send(
            "PUT",
            "/api/tenants/" + b.slug() + "/members/" + b.adminUserId() + "/roles",
            a.adminToken(),
            "{\"roles\":[\"analyst\"]}",
            Map.of());
    Reply remove =
        Api.delete("/api/tenants/" + b.slug() + "/members/" + b.adminUserId(), a.adminToken());

    assertThat(List.of(add.status(), roles.status(), remove.status())).containsOnly(404);
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_member where tenant_id = ?::uuid", b.id()))
        .isEqualTo(2);
    assertThat(
            Db.superuserCount(
                "select count(*) from tenant_member where tenant_id = ?::uuid"
                    + " and user_id = ? and roles = 'tenant-admin'",
                b.id(),
                b.adminUserId()))
        .isEqualTo(1);
  }

  @Test
  void aPersonInTwoTenantsActsInEachWithThatTenantsRoles() {
    Fixtures.TestTenant c = Fixtures.tenant("iso-c");
    Reply invited =
        Api.post(
            "/api/tenants/" + c.slug() + "/members",
            c.adminToken(),
            "{\"email\":\"" + a.adminEmail() + "\",\"roles\":[\"analyst\"]}");
    assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
    assertThat(invited.json().containsKey("temporaryPassword")).isFalse(); // existing account

    // The same token acts in A as tenant-admin and in C as analyst only.
    Reply inC = Api.get("/api/tenants/" + c.slug(), a.adminToken());
    assertThat(inC.status()).isEqualTo(200);
    assertThat(inC.json().getJsonArray("roles").toString()).isEqualTo("[\"analyst\"]");
    assertThat(Api.get("/api/tenants/" + c.slug() + "/members", a.adminToken()).status())
        .isEqualTo(403);
    assertThat(Api.get("/api/tenants/" + a.slug() + "/members", a.adminToken()).status())
        .isEqualTo(200);
    assertThat(Keycloak.organizationExists(c.slug())).isTrue();
  }

  @Test
  void theApplicationRoleWithoutTheTenantSettingSeesNoTenantRowsAtAll() throws SQLException {
    try (Connection c = Db.appRole()) {
      for (String table :
          List.of(
              "tenant",
              "tenant_key",
              "tenant_member",
              "audit_entry",
              "usage_event",
              "idempotency_record",
              "glossary_term",
              "dataset",
              "dataset_upload",
              "dataset_quarantine",
              "dataset_transform")) {
        assertThat(Db.count(c, "select count(*) from " + table)).as(table).isZero();
      }
    }
    // ...while the rows are there, as the superuser sees.
    assertThat(Db.superuserCount("select count(*) from tenant_member")).isGreaterThan(2);
  }

  @Test
  void theApplicationRoleInTenantAsScopeSeesOnlyAsRows() throws SQLException {
    try (Connection c = Db.appRole()) {
      c.setAutoCommit(false);
      setTenant(c, a.id());
      assertThat(Db.count(c, "select count(*) from tenant_member")).isEqualTo(1);
      assertThat(
              Db.count(c, "select count(*) from tenant_member where tenant_id = ?::uuid", b.id()))
          .isZero();
      assertThat(Db.count(c, "select count(*) from audit_entry where tenant_id <> ?::uuid", a.id()))
          .isZero();
      assertThat(Db.count(c, "select count(*) from tenant")).isEqualTo(1);
      // Writing a row for B while in A's scope is refused by the policy.
      assertThatThrownBy(
              () -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "insert into tenant_member (tenant_id,"
                            + " user_id, email, roles, added_by) values (?::uuid, 'x', 'x@y.z', 'analyst',"
                            + " 'test')")) {
                  s.setString(1, b.id());
                  s.executeUpdate();
                }
              })
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("row-level security");
      c.rollback();
    }
  }

  @Test
  void theApplicationRoleCannotBypassRowLevelSecurityOrOwnTables() throws SQLException {
    try (Connection c = Db.appRole()) {
      assertThat(
              Db.count(
                  c,
                  "select count(*) from pg_roles where rolname = current_user and"
                      + " (rolbypassrls or rolsuper)"))
          .isZero();
      assertThat(
              Db.count(
                  c,
                  "select count(*) from pg_tables where schemaname = 'public' and"
                      + " tableowner = current_user"))
          .isZero();
      assertThatThrownBy(
              () ->
                  c.createStatement()
                      .execute("alter table tenant_member disable" + " row level security"))
          .isInstanceOf(SQLException.class);
    }
  }

  static void setTenant(Connection c, String tenantId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("select set_config('millwright.tenant_id', ?, true)")) {
      s.setString(1, tenantId);
      s.execute();
    }
  }
}
