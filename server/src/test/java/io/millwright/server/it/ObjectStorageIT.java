package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.datasets.catalog.ObjectStores;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole server with its datasets in S3-compatible object storage instead of its own disk: a
 * real S3 API server (s3proxy) runs in this process, and the server under test is restarted with
 * {@code millwright.datasets.store=s3} pointing at it (and restarted back afterwards). Uploads,
 * SQL, time travel and erasure work as on disk; every object sits under its tenant's prefix,
 * encrypted; nothing lands on the server's disk; another tenant reaches none of it; purging a
 * tenant empties its prefix and leaves the other's.
 */
class ObjectStorageIT {

  static final String BUCKET = "millwright-it";
  static S3Proxy proxy;
  static S3Client s3;

  static final String METERS =
      "{\"name\":\"meters\",\"columns\":[{\"name\":\"site\",\"type\":\"string\"},"
          + "{\"name\":\"meter\",\"type\":\"string\"},"
          + "{\"name\":\"read_at\",\"type\":\"timestamp\"},"
          + "{\"name\":\"kwh\",\"type\":\"decimal\",\"min\":0}],"
          + "\"primaryKey\":[\"meter\",\"read_at\"],\"partitioning\":[\"day(read_at)\"]}";

  @BeforeAll
  static void serverOnObjectStorage() throws Exception {
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "it-access", "it-secret-key")
            .build();
    proxy.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> proxy.getState().equals("STARTED"));
    String endpoint = "http://127.0.0.1:" + proxy.getPort();
    s3 = ObjectStores.client(Optional.of(endpoint), "us-east-1", "it-access", "it-secret-key");
    s3.createBucket(b -> b.bucket(BUCKET));
    LibertyServer.stop();
    LibertyServer.start(
        Map.of(
            "MILLWRIGHT_DATASETS_STORE", "s3",
            "MILLWRIGHT_DATASETS_S3_ENDPOINT", endpoint,
            "MILLWRIGHT_DATASETS_S3_BUCKET", BUCKET,
            "MILLWRIGHT_DATASETS_S3_ACCESS_KEY", "it-access",
            "MILLWRIGHT_DATASETS_S3_SECRET_KEY", "it-secret-key"));
  }

  @AfterAll
  static void serverBackOnItsOwnDisk() throws Exception {
    try {
      LibertyServer.stop();
      LibertyServer.start();
    } finally {
      if (s3 != null) {
        s3.close();
      }
      proxy.stop();
    }
  }

  static List<String> keys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  static Reply upload(String token, Fixtures.TestTenant t, String csv) {
    return DatasetsIT.upload(token, t, "meters", csv);
  }

  static String sql(Fixtures.TestTenant t, String token, String query) {
    Reply r = DatasetsIT.sql(t, token, query);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rows").toString();
  }

  @Test
  void datasetsLiveEncryptedUnderTheirTenantsPrefixAndAPurgeEmptiesIt() throws IOException {
    Fixtures.TestTenant a = Fixtures.tenant("s3-a");
    Fixtures.TestTenant b = Fixtures.tenant("s3-b");
    String engineer = Fixtures.member(a, "engineer", "data-engineer");
    String engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
    assertThat(Api.post("/api/tenants/" + a.slug() + "/datasets", engineer, METERS).status())
        .isEqualTo(201);
    assertThat(Api.post("/api/tenants/" + b.slug() + "/datasets", engineerOfB, METERS).status())
        .isEqualTo(201);

    // The same messy path as on disk: a duplicate and a negative reading are not written.
    Reply first =
        upload(
            engineer,
            a,
            "site,meter,read_at,kwh\n"
                + "north-plant,M-1,2026-11-01T10:00:00Z,12.5\n"
                + "north-plant,M-2,2026-11-01T10:00:00Z,\"1,204.0\"\n"
                + "south-yard,M-3,01/11/2026 10:00,7\n"
                + "north-plant,M-1,2026-11-01T10:00:00Z,12.5\n"
                + "south-yard,M-4,2026-11-01T10:00:00Z,-3\n");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().getInt("rowsWritten")).isEqualTo(3);
    assertThat(first.json().getInt("rowsDeduplicated")).isEqualTo(1);
    assertThat(first.json().getInt("rowsQuarantined")).isEqualTo(1);
    long v1 = first.json().getJsonNumber("version").longValue();
    Reply second =
        upload(engineer, a, "site,meter,read_at,kwh\nsouth-yard,M-3,2026-11-02T10:00:00Z,8\n");
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(
            upload(engineerOfB, b, "site,meter,read_at,kwh\nb-site,B-1,2026-11-01T10:00:00Z,1\n")
                .status())
        .isEqualTo(201);

    // SQL and time travel read the bucket.
    assertThat(sql(a, engineer, "select site, count(*) from meters group by site order by site"))
        .isEqualTo("[[\"north-plant\",2],[\"south-yard\",2]]");
    assertThat(
            Api.get("/api/tenants/" + a.slug() + "/datasets/meters/rows?version=" + v1, engineer)
                .json()
                .getInt("totalRows"))
        .isEqualTo(3);
    // An erasure rewrites the objects and every later read, SQL included, reflects it.
    Reply erased =
        Api.post(
            "/api/tenants/" + a.slug() + "/datasets/meters/erasures",
            engineer,
            "{\"where\":{\"column\":\"meter\",\"op\":\"=\",\"value\":\"M-2\"}}");
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    assertThat(sql(a, engineer, "select count(*) from meters where meter = 'M-2'"))
        .isEqualTo("[[0]]");

    // Every object is under its tenant's prefix; A's are many (data, manifests, metadata) and
    // none shows a cell of the data in the clear.
    String prefixA = "tenants/" + a.id() + "/";
    String prefixB = "tenants/" + b.id() + "/";
    List<String> ofA = keys(prefixA);
    assertThat(ofA)
        .anyMatch(k -> k.startsWith(prefixA + "warehouse/") && k.endsWith(".parquet"))
        .anyMatch(k -> k.contains("/metadata/"));
    assertThat(keys("")).allMatch(k -> k.startsWith("tenants/"));
    byte[] clear = "north-plant".getBytes(StandardCharsets.UTF_8);
    for (String key : ofA) {
      byte[] object =
          s3.getObject(b2 -> b2.bucket(BUCKET).key(key), ResponseTransformer.toBytes())
              .asByteArray();
      assertThat(indexOf(object, clear)).as("%s is encrypted", key).isEqualTo(-1);
    }
    // Nothing of the tables landed on the server's own disk.
    Path area = Path.of(Env.require("MILLWRIGHT_DATA_DIR"), "tenants", a.id());
    if (Files.exists(area)) {
      try (Stream<Path> files = Files.walk(area)) {
        assertThat(files.filter(f -> f.toString().endsWith(".parquet")).toList()).isEmpty();
      }
    }

    // B reaches none of A's data through the API or SQL: its SQL sees its own table only.
    assertThat(Api.get("/api/tenants/" + a.slug() + "/datasets/meters/rows", engineerOfB).status())
        .isIn(403, 404);
    assertThat(sql(b, engineerOfB, "select site from meters")).isEqualTo("[[\"b-site\"]]");

    // Purging A empties its prefix; B's objects stay.
    List<String> ofB = keys(prefixB);
    assertThat(ofB).isNotEmpty();
    Reply deleted = Api.delete("/api/admin/tenants/" + a.slug(), Keycloak.platformAdminToken());
    assertThat(deleted.status()).isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> keys(prefixA).isEmpty());
    assertThat(keys(prefixB)).containsExactlyInAnyOrderElementsOf(ofB);
    assertThat(sql(b, engineerOfB, "select count(*) from meters")).isEqualTo("[[1]]");

    // B goes too, so that no tenant's tables are left in a bucket the restarted server no longer
    // uses (the next tests share that server): the bucket ends empty.
    assertThat(Api.delete("/api/admin/tenants/" + b.slug(), Keycloak.platformAdminToken()).status())
        .isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> keys("").isEmpty());
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
