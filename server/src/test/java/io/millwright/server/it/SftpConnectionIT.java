package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files connector reading a folder on an SFTP server, end to end on the real server with the
 * plugin zip it ships: a partner's SFTP server (Apache MINA SSHD's, in this test's JVM, on a free
 * loopback port, its files in a temporary folder here) gets a CSV; a connection made through the
 * API with the server's host key fingerprint and a password is tested and run; the dataset holds
 * exactly the file's rows, the file is in the done folder on the SFTP server, and the password is
 * never returned. A server posing with another host key is refused with its fingerprint named.
 */
class SftpConnectionIT {

  static final String USER = "partner";
  static final String PASSWORD = "sftp-" + UUID.randomUUID();

  @TempDir static Path root;
  static SshServer sftp;
  static KeyPair hostKey;
  static String fingerprint;

  static Fixtures.TestTenant t;
  static String engineer;
  static String analyst;

  static final String DATASET =
      "{\"name\":\"%s\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"integer\",\"required\":true},"
          + "{\"name\":\"customer\",\"type\":\"string\"},"
          + "{\"name\":\"total\",\"type\":\"decimal\",\"min\":0}],"
          + "\"primaryKey\":[\"id\"]}";

  @BeforeAll
  static void setUp() throws Exception {
    // ECDSA, which every JDK verifies without an extra provider; the plugin's tests cover ed25519.
    hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
    fingerprint = KeyUtils.getFingerPrint(hostKey.getPublic());
    sftp = SshServer.setUpDefaultServer();
    sftp.setHost("127.0.0.1");
    sftp.setPort(0);
    sftp.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sftp.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sftp.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sftp.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sftp.start();

    t = Fixtures.tenant("sftp");
    engineer = Fixtures.member(t, "engineer", "data-engineer");
    analyst = Fixtures.member(t, "analyst", "analyst");
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (sftp != null) {
      sftp.stop(true);
    }
  }

  static String base() {
    return "/api/tenants/" + t.slug();
  }

  static String connection(String name, String dataset, String folder, String hostKeyText) {
    return "{\"name\":\""
        + name
        + "\",\"connector\":\"files\",\"dataset\":\""
        + dataset
        + "\",\"schedule\":\"manual\",\"config\":{"
        + "\"location\":\"sftp\",\"host\":\"127.0.0.1\",\"port\":\""
        + sftp.getPort()
        + "\",\"username\":\""
        + USER
        + "\",\"password\":"
        + Json.quote(PASSWORD)
        + ",\"hostKey\":"
        + Json.quote(hostKeyText)
        + ",\"folder\":"
        + Json.quote(folder)
        // The unit tests show minAge on SFTP (a file is watched until quiet); here the file is
        // complete before the connection exists.
        + ",\"minAge\":\"0s\"}}";
  }

  /** Drops a file on the SFTP server, with a modification time a minute ago. */
  static Path drop(String folder, String name, String content) throws IOException {
    Path dir = root.resolve(folder);
    Files.createDirectories(dir);
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
    return file;
  }

  static List<String> left(String folder) throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The dataset's rows as id|customer|total, by id. */
  static List<String> rows(String dataset) {
    Reply r = Api.get(base() + "/datasets/" + dataset + "/rows?limit=100", analyst);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rows").stream()
        .map(JsonValue::asJsonObject)
        .map(
            row ->
                row.getJsonNumber("id").longValue()
                    + "|"
                    + row.getString("customer")
                    + "|"
                    + plain(row.get("total")))
        .sorted((x, y) -> Long.compare(id(x), id(y)))
        .toList();
  }

  private static long id(String row) {
    return Long.parseLong(row.substring(0, row.indexOf('|')));
  }

  private static String plain(JsonValue v) {
    String text = v instanceof JsonString s ? s.getString() : v.toString();
    return new BigDecimal(text).stripTrailingZeros().toPlainString();
  }

  @Test
  void aCsvDroppedOnAnSftpServerIsIngestedOnceAndMovedToDoneThere() throws IOException {
    drop(
        "outbox",
        "orders-0301.csv",
        "id;customer;total\r\n1;Müller GmbH;12.50\r\n2;\"Smith; Sons\";7.25\r\n3;Zoë;0\r\n");
    Reply ds = Api.post(base() + "/datasets", engineer, DATASET.formatted("sftp_orders"));
    assertThat(ds.status()).as(ds.toString()).isEqualTo(201);

    Reply made =
        Api.post(
            base() + "/connections",
            engineer,
            connection("partner-orders", "sftp_orders", "/outbox", fingerprint));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    assertThat(made.body()).doesNotContain(PASSWORD).contains("\"secretsSet\":[\"password\"]");

    Reply test = Api.post(base() + "/connections/partner-orders/test", engineer, null);
    assertThat(test.status()).as(test.toString()).isEqualTo(200);
    assertThat(test.json().getString("summary"))
        .startsWith("sftp://" + USER + "@127.0.0.1:" + sftp.getPort() + "/outbox: 1 file matches")
        .contains("the next to read is orders-0301.csv", "columns id, customer, total");
    assertThat(left("outbox")).as("the test moves nothing").containsExactly("orders-0301.csv");

    Reply run = Api.post(base() + "/connections/partner-orders/run", engineer, null);
    assertThat(run.status()).as(run.toString()).isEqualTo(202);
    JsonObject first = ConnectionsIT.awaitRuns(t, engineer, "partner-orders", 1);
    assertThat(first.getString("status")).as(first.toString()).isEqualTo("succeeded");
    assertThat(first.getJsonNumber("rowsWritten").longValue()).isEqualTo(3);
    assertThat(rows("sftp_orders"))
        .containsExactly("1|Müller GmbH|12.5", "2|Smith; Sons|7.25", "3|Zoë|0");
    assertThat(left("outbox")).containsExactly("done");
    assertThat(left("outbox/done")).containsExactly("orders-0301.csv");

    // A second run finds nothing new: the file is not read twice.
    assertThat(Api.post(base() + "/connections/partner-orders/run", engineer, null).status())
        .isEqualTo(202);
    JsonObject second = ConnectionsIT.awaitRuns(t, engineer, "partner-orders", 2);
    assertThat(second.getString("status")).as(second.toString()).isEqualTo("succeeded");
    assertThat(rows("sftp_orders")).hasSize(3);

    // The password is sealed: no answer of the API shows it.
    for (Reply r :
        List.of(
            Api.get(base() + "/connections/partner-orders", engineer),
            Api.get(base() + "/connections/partner-orders", analyst),
            Api.get(base() + "/connections", engineer),
            Api.get(base() + "/connections/partner-orders/runs", engineer),
            Api.get(base() + "/audit", t.adminToken()))) {
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.body()).doesNotContain(PASSWORD);
    }
    JsonObject config =
        Api.get(base() + "/connections/partner-orders", engineer).json().getJsonObject("config");
    assertThat(config.getString("hostKey")).isEqualTo(fingerprint);
    assertThat(config.getString("folder")).isEqualTo("/outbox");
    assertThat(config.containsKey("password")).isFalse();
  }

  @Test
  void aServerWithAnotherHostKeyIsRefusedAndItsFingerprintNamed() throws IOException {
    drop("impostor", "orders.csv", "id,customer,total\n9,x,1\n");
    Api.post(base() + "/datasets", engineer, DATASET.formatted("sftp_refused"));
    String configured = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    Reply made =
        Api.post(
            base() + "/connections",
            engineer,
            connection("impostor", "sftp_refused", "/impostor", configured));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);

    Reply test = Api.post(base() + "/connections/impostor/test", engineer, null);
    assertThat(test.status()).as(test.toString()).isEqualTo(422);
    assertThat(test.body())
        .contains("The SFTP server's host key " + fingerprint)
        .contains("does not match the configured one (" + configured + ")")
        .doesNotContain(PASSWORD);

    assertThat(Api.post(base() + "/connections/impostor/run", engineer, null).status())
        .isEqualTo(202);
    JsonObject run = ConnectionsIT.awaitRuns(t, engineer, "impostor", 1);
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("failed");
    assertThat(run.getString("error")).contains(fingerprint).doesNotContain(PASSWORD);
    assertThat(left("impostor")).containsExactly("orders.csv");
    // Retrying cannot help until someone changes the configuration: the connection pauses.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Api.get(base() + "/connections/impostor", engineer)
                    .json()
                    .getString("state")
                    .equals("paused"));
    assertThat(Api.get(base() + "/connections/impostor", engineer).json().getString("pausedReason"))
        .contains("refuses the configuration", fingerprint);
  }
}
