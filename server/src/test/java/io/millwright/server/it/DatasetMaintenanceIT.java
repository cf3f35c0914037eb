package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scheduled dataset maintenance, run now through the admin API: versions beyond a dataset's
 * retention policy expire, a version that gathered many small files is compacted (same rows), both
 * audited as the platform's maintenance, and nothing else changes.
 */
class DatasetMaintenanceIT {

  static String declaration(String name, String extra) {
    return "{\"name\":\""
        + name
        + "\",\"columns\":[{\"name\":\"sensor\",\"type\":\"string\"},"
        + "{\"name\":\"value\",\"type\":\"decimal\"}]"
        + extra
        + "}";
  }

  @Test
  void aPassExpiresVersionsBeyondThePolicyAndCompactsSmallFilesKeepingEveryRow() {
    Fixtures.TestTenant a = Fixtures.tenant("maint-a");
    String engineer = Fixtures.member(a, "engineer", "data-engineer");
    String base = "/api/tenants/" + a.slug() + "/datasets";
    assertThat(
            Api.post(
                    base,
                    engineer,
                    declaration("kept", ",\"retention\":{\"keepVersions\":1,\"keepDays\":0}"))
                .status())
        .isEqualTo(201);
    assertThat(Api.post(base, engineer, declaration("chatty", "")).status()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      assertThat(DatasetsIT.upload(engineer, a, "kept", "sensor,value\ns" + i + "," + i + "\n"))
          .extracting(Reply::status)
          .isIn(200, 201);
    }
    // A connection committing every few seconds: twenty one-row versions, one small file each.
    for (int i = 0; i < 20; i++) {
      assertThat(DatasetsIT.upload(engineer, a, "chatty", "sensor,value\nc" + i + "," + i + "\n"))
          .extracting(Reply::status)
          .isIn(200, 201);
    }
    assertThat(versions(a, engineer, "kept")).hasSize(3);
    int chattyBefore = versions(a, engineer, "chatty").size();

    assertThat(Api.post("/api/admin/maintenance/datasets", a.adminToken(), null).status())
        .as("platform admins only")
        .isEqualTo(403);
    Reply pass = Api.post("/api/admin/maintenance/datasets", Keycloak.platformAdminToken(), null);
    assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
    assertThat(pass.json().getInt("versionsExpired")).isGreaterThanOrEqualTo(2);
    assertThat(pass.json().getInt("compacted")).isGreaterThanOrEqualTo(1);

    List<JsonObject> kept = versions(a, engineer, "kept");
    assertThat(kept).hasSize(1);
    assertThat(Api.get(base + "/kept/rows", engineer).json().getInt("totalRows"))
        .as("old versions go, the current one keeps every row appended")
        .isEqualTo(3);

    List<JsonObject> chatty = versions(a, engineer, "chatty");
    assertThat(chatty)
        .as("the default policy keeps what is younger than 30 days; compaction adds one")
        .hasSize(chattyBefore + 1);
    assertThat(chatty.get(0).toString()).contains("compaction");
    assertThat(Api.get(base + "/chatty/rows", engineer).json().getInt("totalRows"))
        .as("compaction keeps every row")
        .isEqualTo(20);

    Reply audit =
        Api.get(
            "/api/tenants/" + a.slug() + "/audit?size=100",
            Fixtures.member(a, "auditor", "auditor"));
    assertThat(audit.body())
        .contains("dataset.retention", "dataset.compact", "platform maintenance");
  }

  @Test
  void filesNoVersionRefersToAreDeletedOnceOldEnoughAndNothingElse() throws Exception {
    Fixtures.TestTenant b = Fixtures.tenant("maint-b");
    String engineer = Fixtures.member(b, "engineer", "data-engineer");
    String base = "/api/tenants/" + b.slug() + "/datasets";
    assertThat(Api.post(base, engineer, declaration("crashed", "")).status()).isEqualTo(201);
    for (int i = 0; i < 2; i++) {
      assertThat(DatasetsIT.upload(engineer, b, "crashed", "sensor,value\nc" + i + "," + i + "\n"))
          .extracting(Reply::status)
          .isIn(200, 201);
    }
    // What an upload cut off by a crash leaves: a data file no version lists. One written days
    // ago, one just now (a write still in progress must never lose its files).
    Path warehouse = Path.of(Env.require("MILLWRIGHT_DATA_DIR"), "tenants", b.id(), "warehouse");
    Path table;
    try (Stream<Path> tables = Files.list(warehouse)) {
      table = tables.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    Path old =
        Files.write(table.resolve("data").resolve("00000-crashed-upload.parquet"), new byte[64]);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(10))));
    Path fresh =
        Files.write(table.resolve("data").resolve("00000-in-flight.parquet"), new byte[64]);

    Reply pass = Api.post("/api/admin/maintenance/datasets", Keycloak.platformAdminToken(), null);
    assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
    assertThat(pass.json().getInt("orphansDeleted")).isGreaterThanOrEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(fresh).as("younger than millwright.datasets.orphan-min-age").exists();

    assertThat(Api.get(base + "/crashed/rows", engineer).json().getInt("totalRows")).isEqualTo(2);
    for (JsonObject v : versions(b, engineer, "crashed")) {
      Reply then =
          Api.get(base + "/crashed/rows?version=" + v.getJsonNumber("id").longValue(), engineer);
      assertThat(then.status()).as("every version still reads: " + then).isEqualTo(200);
    }
    assertThat(
            Api.get(
                    "/api/tenants/" + b.slug() + "/audit?size=50",
                    Fixtures.member(b, "auditor", "auditor"))
                .body())
        .contains("dataset.orphans");
  }

  static List<JsonObject> versions(Fixtures.TestTenant t, String token, String name) {
    return DatasetsIT.items(
        Api.get("/api/tenants/" + t.slug() + "/datasets/" + name + "/versions", token));
  }
}
