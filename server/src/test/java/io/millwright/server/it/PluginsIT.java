package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins installed at run time through the admin API: a partner's plugin built against the older
 * 1.0.0 API, signed with a trusted key, installs without a restart, reaches only the tenants it is
 * enabled for and ingests; unsigned, tampered, untrusted and too-new archives are refused with the
 * reason, and nothing of them runs.
 */
class PluginsIT {

  static final Path PARTNER_ZIP =
      Path.of("../plugins/partner-example/target/example-jsonl-feed-1.0.0-plugin.zip");
  static final String HEADER = "Millwright-Plugin-Signature";

  static String admin;
  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String engineer;
  static String engineerOfB;

  @BeforeAll
  static void setUp() {
    // The root POM lists plugins/partner-example before server, so a full build makes it first.
    assertThat(PARTNER_ZIP).as("built by the partner-example module before the server").exists();
    admin = Keycloak.platformAdminToken();
    a = Fixtures.tenant("plug-a");
    b = Fixtures.tenant("plug-b");
    engineer = Fixtures.member(a, "engineer", "data-engineer");
    engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
  }

  static Reply install(String method, String path, byte[] zip, String signature) {
    Map<String, String> headers = signature == null ? Map.of() : Map.of(HEADER, signature);
    return Api.sendBytes(method, path, admin, "application/zip", zip, headers);
  }

  static String sign(byte[] bytes) throws Exception {
    String pem =
        Files.readString(Path.of("src/test/resources/plugins/test-partner-ed25519.pem"))
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    PrivateKey key =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(bytes);
    return "test-partner:" + Base64.getEncoder().encodeToString(s.sign());
  }

  /** The partner zip with plugin.properties changed (or an extra entry added), re-zipped. */
  static byte[] variant(Map<String, String> properties, String extraEntry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in =
            new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(PARTNER_ZIP)));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals("plugin.properties")) {
          String text = new String(data, StandardCharsets.UTF_8);
          for (Map.Entry<String, String> p : properties.entrySet()) {
            text = text.replaceAll("(?m)^" + p.getKey() + "=.*$", p.getKey() + "=" + p.getValue());
          }
          data = text.getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(data);
        zip.closeEntry();
      }
      if (extraEntry != null) {
        zip.putNextEntry(new ZipEntry(extraEntry));
        zip.write(new byte[] {1});
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static List<JsonObject> items(Reply r) {
    return r.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  static boolean offers(Fixtures.TestTenant t, String token, String connector) {
    return items(Api.get("/api/tenants/" + t.slug() + "/connectors", token)).stream()
        .anyMatch(c -> c.getString("id").equals(connector));
  }

  @Test
  void badArchivesAreRefusedWithTheReasonAndNothingOfThemRuns() throws Exception {
    byte[] zip = Files.readAllBytes(PARTNER_ZIP);
    Reply unsigned = install("POST", "/api/admin/plugins", zip, null);
    assertThat(unsigned.status()).as(unsigned.toString()).isEqualTo(422);
    assertThat(unsigned.body()).contains("not signed");

    byte[] tampered = zip.clone();
    tampered[tampered.length / 2] ^= 0x01;
    Reply changed = install("POST", "/api/admin/plugins", tampered, sign(zip));
    assertThat(changed.status()).isEqualTo(422);
    assertThat(changed.body()).containsAnyOf("does not match", "not a valid zip", "cannot be read");

    Reply stranger =
        install("POST", "/api/admin/plugins", zip, "someone-else:" + sign(zip).split(":")[1]);
    assertThat(stranger.status()).isEqualTo(422);
    assertThat(stranger.body()).contains("does not trust");

    byte[] tooNew =
        variant(Map.of("plugin.id", "example-too-new", "plugin.requires", "1.9.0"), null);
    Reply newer = install("POST", "/api/admin/plugins", tooNew, sign(tooNew));
    assertThat(newer.status()).isEqualTo(422);
    assertThat(newer.body()).contains("newer than");

    byte[] nextMajor = variant(Map.of("plugin.id", "example-v2", "plugin.requires", "2.0.0"), null);
    Reply major = install("POST", "/api/admin/plugins", nextMajor, sign(nextMajor));
    assertThat(major.status()).isEqualTo(422);
    assertThat(major.body()).contains("major versions differ");

    byte[] slip = variant(Map.of("plugin.id", "example-slip"), "classes/../../../evil.sh");
    Reply escape = install("POST", "/api/admin/plugins", slip, sign(slip));
    assertThat(escape.status()).isEqualTo(422);
    assertThat(escape.body()).contains("escapes");

    Reply list = Api.get("/api/admin/plugins", admin);
    assertThat(list.body()).doesNotContain("example-too-new", "example-v2", "example-slip");
    // Only platform admins touch plugins.
    Reply byTenantUser =
        Api.sendBytes(
            "POST",
            "/api/admin/plugins",
            engineer,
            "application/zip",
            zip,
            Map.of(HEADER, sign(zip)));
    assertThat(byTenantUser.status()).isEqualTo(403);
  }

  @Test
  void aSignedPartnerPluginForTheOlderApiInstallsLiveAndServesOnlyTheTenantsItIsEnabledFor()
      throws Exception {
    byte[] zip = variant(Map.of("plugin.id", "example-feed-live"), null);
    Reply installed = install("POST", "/api/admin/plugins", zip, sign(zip));
    assertThat(installed.status()).as(installed.toString()).isIn(201, 409);
    JsonObject plugin =
        items(Api.get("/api/admin/plugins", admin)).stream()
            .filter(p -> p.getString("id").equals("example-feed-live"))
            .findFirst()
            .orElseThrow();
    assertThat(plugin.getString("state")).isEqualTo("loaded");
    assertThat(plugin.getString("requires")).isEqualTo("1.0.0");
    assertThat(plugin.getString("signedBy")).isEqualTo("test-partner");
    assertThat(plugin.getJsonArray("connectors").toString()).contains("jsonl-feed");

    // Installed plugins reach no tenant until a platform admin enables them per tenant.
    assertThat(offers(a, engineer, "jsonl-feed")).isFalse();
    Reply enable =
        Api.send(
            "PUT",
            "/api/admin/plugins/tenants/" + a.slug() + "/example-feed-live",
            admin,
            "{\"enabled\":true}",
            Map.of());
    assertThat(enable.status()).as(enable.toString()).isEqualTo(200);
    assertThat(offers(a, engineer, "jsonl-feed")).isTrue();
    assertThat(offers(b, engineerOfB, "jsonl-feed")).isFalse();

    // It ingests like any connector.
    Path feed = Files.createTempFile("partner-feed", ".jsonl");
    Files.writeString(
        feed,
        "{\"sku\":\"A-1\",\"qty\":3}\n{\"sku\":\"A-2\",\"qty\":5}\n{\"sku\":\"A-3\",\"qty\":oops}\n");
    String base = "/api/tenants/" + a.slug();
    assertThat(
            Api.post(
                    base + "/datasets",
                    engineer,
                    "{\"name\":\"partner_stock\",\"columns\":[{\"name\":\"sku\",\"type\":\"string\"},"
                        + "{\"name\":\"qty\",\"type\":\"integer\"}],\"primaryKey\":[\"sku\"]}")
                .status())
        .isEqualTo(201);
    Reply made =
        Api.post(
            base + "/connections",
            engineer,
            "{\"name\":\"partner-feed\",\"connector\":\"jsonl-feed\",\"dataset\":\"partner_stock\","
                + "\"schedule\":\"manual\",\"config\":{\"path\":\""
                + feed.toAbsolutePath()
                + "\"}}");
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(Api.post(base + "/connections/partner-feed/run", engineer, null).status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                items(Api.get(base + "/connections/partner-feed/runs", engineer)).stream()
                    .anyMatch(r -> r.getString("status").equals("succeeded")));
    JsonObject run = items(Api.get(base + "/connections/partner-feed/runs", engineer)).get(0);
    assertThat(run.getJsonNumber("rowsWritten").longValue()).isEqualTo(2);
    // The line that is not JSON is quarantined with its raw text, not lost.
    assertThat(run.getJsonNumber("rowsQuarantined").longValue()).isEqualTo(1);

    // Switched off: the tenant's connection waits for it; uninstalled: it is gone.
    assertThat(Api.post("/api/admin/plugins/example-feed-live/disable", admin, null).status())
        .isEqualTo(200);
    assertThat(offers(a, engineer, "jsonl-feed")).isFalse();
    assertThat(
            Api.get(base + "/connections/partner-feed", engineer)
                .json()
                .getJsonObject("live")
                .getString("state"))
        .isEqualTo("waiting-for-plugin");
    assertThat(Api.delete("/api/admin/plugins/example-feed-live", admin).status()).isEqualTo(204);
    assertThat(Api.get("/api/admin/plugins", admin).body()).doesNotContain("example-feed-live");
    Api.delete(base + "/connections/partner-feed", engineer);
    // Shipped plugins cannot be uninstalled.
    assertThat(Api.delete("/api/admin/plugins/millwright-connector-jdbc", admin).status())
        .isEqualTo(409);
  }
}
