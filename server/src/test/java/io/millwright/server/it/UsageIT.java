package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API calls are metered per tenant and the usage endpoint aggregates the ledger. */
class UsageIT {

  static Fixtures.TestTenant tenant;
  static String finance;

  @BeforeAll
  static void tenantWithFinance() {
    tenant = Fixtures.tenant("usage");
    finance = Fixtures.member(tenant, "finance", "finance");
  }

  @Test
  void apiRequestsAreMeteredPerTenant() {
    for (int i = 0; i < 5; i++) {
      assertThat(Api.get("/api/tenants/" + tenant.slug(), tenant.adminToken()).status())
          .isEqualTo(200);
    }
    // Counts are kept per one-minute window and flushed (every second in the test configuration)
    // once the window has closed.
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> requests() >= 5);
  }

  @Test
  void aggregatesByMeterDayAndCategory() throws SQLException {
    try (Connection c = Db.appRole()) {
      c.setAutoCommit(false);
      TenantIsolationIT.setTenant(c, tenant.id());
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into usage_event (tenant_id,"
                  + " event_id, meter, quantity, unit, occurred_at, category) values (?::uuid, ?,"
                  + " 'training.gpu-seconds', ?, 'second', '2026-01-15T10:00:00Z', 'TRAINING')")) {
        for (int i = 0; i < 3; i++) {
          s.setString(1, tenant.id());
          s.setString(2, "it-train-" + i);
          s.setBigDecimal(3, new BigDecimal("1.5"));
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
    }
    Reply r =
        Api.get(
            "/api/tenants/"
                + tenant.slug()
                + "/usage?from=2026-01-01&to=2026-02-01"
                + "&groupBy=meter,day,category",
            finance);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonObject row = r.json().getJsonArray("items").getJsonObject(0);
    assertThat(row.getString("meter")).isEqualTo("training.gpu-seconds");
    assertThat(row.getString("day")).isEqualTo("2026-01-15");
    assertThat(row.getString("category")).isEqualTo("training");
    assertThat(row.getJsonNumber("quantity").bigDecimalValue()).isEqualByComparingTo("4.5");
    assertThat(row.getInt("events")).isEqualTo(3);
  }

  @Test
  void refusesBadParametersAndRoles() {
    Reply badGroup = Api.get("/api/tenants/" + tenant.slug() + "/usage?groupBy=colour", finance);
    assertThat(badGroup.status()).isEqualTo(400);
    assertThat(badGroup.json().getString("detail")).contains("colour");
    Reply backwards =
        Api.get(
            "/api/tenants/" + tenant.slug() + "/usage?from=2026-02-01" + "&to=2026-01-01", finance);
    assertThat(backwards.status()).isEqualTo(400);
    String analyst = Fixtures.member(tenant, "analyst", "analyst");
    assertThat(Api.get("/api/tenants/" + tenant.slug() + "/usage", analyst).status())
        .isEqualTo(403);
  }

  private static long requests() {
    Reply r = Api.get("/api/tenants/" + tenant.slug() + "/usage?groupBy=meter", finance);
    return r.json().getJsonArray("items").stream()
        .map(v -> v.asJsonObject())
        .filter(o -> o.getString("meter").equals("api.requests"))
        .mapToLong(o -> o.getJsonNumber("quantity").longValue())
        .sum();
  }
}
