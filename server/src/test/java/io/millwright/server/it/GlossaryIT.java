package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The glossary: defined by data engineers, read by every member, isolated per tenant. */
class GlossaryIT {

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String engineer;
  static String analyst;

  @BeforeAll
  static void tenants() {
    a = Fixtures.tenant("gloss-a");
    b = Fixtures.tenant("gloss-b");
    engineer = Fixtures.member(a, "engineer", "data-engineer");
    analyst = Fixtures.member(a, "analyst", "analyst");
  }

  private static String path(Fixtures.TestTenant t, String rest) {
    return "/api/tenants/" + t.slug() + "/glossary" + rest;
  }

  @Test
  void aDataEngineerDefinesChangesAndRemovesATermThatAnalystsRead() {
    Reply made =
        Api.post(
            path(a, ""),
            engineer,
            "{\"term\":\"line_speed\",\"definition\":"
                + "\"Belt speed at the packing line\",\"dataType\":\"decimal\",\"unit\":\"m/min\","
                + "\"allowedValues\":[]}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.header("Location")).endsWith("/glossary/line_speed");

    Reply read = Api.get(path(a, "/line_speed"), analyst);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getString("unit")).isEqualTo("m/min");

    Reply changed =
        Api.send(
            "PUT",
            path(a, "/line_speed"),
            engineer,
            "{\"definition\":\"Belt" + " speed\",\"dataType\":\"decimal\",\"unit\":\"m/s\"}",
            Map.of());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().getInt("version")).isEqualTo(1);

    assertThat(
            Api.post(
                    path(a, ""),
                    engineer,
                    "{\"term\":\"line_speed\",\"definition\":\"x\"," + "\"dataType\":\"string\"}")
                .status())
        .isEqualTo(409);
    assertThat(Api.delete(path(a, "/line_speed"), engineer).status()).isEqualTo(204);
    assertThat(Api.get(path(a, "/line_speed"), analyst).status()).isEqualTo(404);

    Reply audit =
        Api.get("/api/tenants/" + a.slug() + "/audit?action=glossary.*&size=100", a.adminToken());
    assertThat(
            audit.json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject())
                .filter(e -> e.getString("target").equals("line_speed"))
                .map(e -> e.getString("action")))
        .containsExactly("glossary.remove", "glossary.update", "glossary.define");
  }

  @Test
  void badDefinitionsAreRefusedWithEveryFieldNamed() {
    Reply r =
        Api.post(
            path(a, ""),
            engineer,
            "{\"term\":\"Bad Term\",\"definition\":\"\","
                + "\"dataType\":\"money\",\"allowedValues\":[]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.json().getJsonObject("errors").keySet())
        .containsExactlyInAnyOrder("term", "definition", "dataType");
    Reply values =
        Api.post(
            path(a, ""),
            engineer,
            "{\"term\":\"shift\",\"definition\":"
                + "\"Shift number\",\"dataType\":\"integer\",\"allowedValues\":[\"1\",\"2\",\"night\"]}");
    assertThat(values.status()).isEqualTo(400);
    assertThat(values.json().getString("detail")).contains("'night' is not a integer value");
  }

  @Test
  void analystsCannotDefine() {
    Reply r =
        Api.post(
            path(a, ""),
            analyst,
            "{\"term\":\"plant\",\"definition\":\"Site\"," + "\"dataType\":\"string\"}");
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void tenantsHaveTheirOwnGlossaries() {
    assertThat(
            Api.post(
                    path(a, ""),
                    a.adminToken(),
                    "{\"term\":\"customer_tier\","
                        + "\"definition\":\"Service level of A\",\"dataType\":\"string\",\"allowedValues\":"
                        + "[\"gold\",\"silver\"]}")
                .status())
        .isEqualTo(201);
    // B may define the same term its own way, and never sees A's.
    assertThat(
            Api.post(
                    path(b, ""),
                    b.adminToken(),
                    "{\"term\":\"customer_tier\","
                        + "\"definition\":\"Tier of B\",\"dataType\":\"integer\"}")
                .status())
        .isEqualTo(201);
    assertThat(Api.get(path(b, "/customer_tier"), b.adminToken()).json().getString("dataType"))
        .isEqualTo("integer");
    assertThat(Api.get(path(a, "/customer_tier"), b.adminToken()).status()).isEqualTo(404);
    assertThat(Api.get(path(b, ""), a.adminToken()).status()).isEqualTo(404);
    assertThat(Api.delete(path(b, "/customer_tier"), a.adminToken()).status()).isEqualTo(404);
    assertThat(
            Db.superuserCount(
                "select count(*) from glossary_term where term =" + " 'customer_tier'"))
        .isEqualTo(2);
  }
}
