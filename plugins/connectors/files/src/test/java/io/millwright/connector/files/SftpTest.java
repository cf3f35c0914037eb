package io.millwright.connector.files;

import static io.millwright.connector.files.Drop.CONNECTOR;
import static io.millwright.connector.files.Drop.context;
import static io.millwright.connector.files.Drop.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.MovableClock;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop folder on a real SFTP server (MINA SSHD's, in this JVM, over loopback TCP): files read
 * and moved only after the commit, a crash and a lost connection resumed without duplicates, logins
 * and host keys refused with a message a person can act on.
 */
class SftpTest {

  @TempDir Path root;
  SftpTestServer server;
  Drop drop;

  @BeforeEach
  void start() throws Exception {
    server = new SftpTestServer(root);
    Files.createDirectories(root.resolve("drop"));
    drop = new Drop(root.resolve("drop"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestContext sftp(String... more) {
    return context(server.config(more));
  }

  private static ConnectorException failure(TestContext context) {
    return catchThrowableOfType(ConnectorException.class, () -> CONNECTOR.check(context));
  }

  private List<String> left(String folder) throws Exception {
    try (Stream<Path> files = Files.list(root.resolve(folder))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> ids(Batch b) {
    return b.records().stream().map(r -> (String) r.values().get("id")).toList();
  }

  private static List<String> temporaryCopies() throws Exception {
    try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return temp.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("millwright-sftp-"))
          .toList();
    }
  }

  @Test
  void csvAndXlsxAreReadOldestFirstAndMovedToDoneOnlyAfterTheCommit() throws Exception {
    List<String> copiesBefore = temporaryCopies();
    drop.text("a.csv", "id;name\n1;Zoë\n2;\"two\nlines\"\n");
    drop.xlsx(
        "b.xlsx",
        wb -> {
          Sheet s = wb.createSheet("Orders");
          s.createRow(0).createCell(0).setCellValue("id");
          s.createRow(1).createCell(0).setCellValue(3);
          s.createRow(2).createCell(0).setCellValue(4);
        });
    try (PollingSource source = CONNECTOR.openPolling(sftp())) {
      Batch a = source.poll(null, 100);
      assertThat(a.records())
          .extracting(SourceRecord::origin)
          .containsExactly("a.csv line 2", "a.csv line 3");
      assertThat(a.records().get(1).values()).containsEntry("name", "two\nlines");
      assertThat(a.more()).isTrue();
      assertThat(left("drop")).as("nothing moves before the commit").contains("a.csv", "b.xlsx");

      Batch b = source.poll(a.next(), 100);
      assertThat(ids(b)).containsExactly("3", "4");
      assertThat(b.records().get(0).origin()).isEqualTo("b.xlsx Orders row 2");
      assertThat(left("drop")).contains("a.csv", "b.xlsx");

      source.committed(b.next());
      assertThat(left("drop")).containsExactly("done");
      assertThat(left("drop/done")).containsExactly("a.csv", "b.xlsx");
      source.committed(b.next()); // idempotent
      assertThat(drain(source, b.next(), 100).records()).isEmpty();
    }
    assertThat(temporaryCopies()).as("the XLSX's temporary copy is gone").isSubsetOf(copiesBefore);
  }

  @Test
  void aCrashInTheMiddleOfAFileResumesWithTheRemainingRowsExactlyOnce() throws Exception {
    StringBuilder csv = new StringBuilder("id,customer,note\n");
    for (int i = 1; i <= 1000; i++) {
      csv.append(i).append(",customer ").append(i).append(',');
      csv.append(i % 7 == 0 ? "\"two\nlines, " + i + "\"" : "plain").append('\n');
    }
    drop.text("orders.csv", csv.toString());
    drop.xlsx(
        "orders.xlsx",
        wb -> {
          Sheet s = wb.createSheet("Orders");
          s.createRow(0).createCell(0).setCellValue("id");
          for (int i = 1001; i <= 1500; i++) {
            Row r = s.createRow(i - 1000);
            r.createCell(0).setCellValue(i);
          }
        });

    List<String> committed = new ArrayList<>();
    Offset offset = null;
    // First life: three batches committed, a fourth read but not committed, then the crash.
    PollingSource first = CONNECTOR.openPolling(sftp());
    for (int i = 0; i < 3; i++) {
      Batch b = first.poll(offset, 300);
      committed.addAll(ids(b));
      offset = b.next();
    }
    Batch lost = first.poll(offset, 300);
    assertThat(lost.records()).hasSize(100);
    first.close();
    assertThat(offset.value()).contains("\"file\":\"orders.csv\"", "\"row\":900,\"done\":false");

    // Second life: through the CSV's end and into the XLSX, with a crash inside it too.
    PollingSource second = CONNECTOR.openPolling(sftp());
    Batch b = second.poll(offset, 300);
    assertThat(ids(b)).isEqualTo(ids(lost));
    committed.addAll(ids(b));
    offset = b.next();
    second.committed(offset);
    assertThat(left("drop/done")).containsExactly("orders.csv");
    b = second.poll(offset, 200);
    committed.addAll(ids(b));
    offset = b.next();
    second.close();

    try (PollingSource third = CONNECTOR.openPolling(sftp())) {
      var rest = drain(third, offset, 120);
      committed.addAll(rest.ids());
      third.committed(rest.end());
    }
    assertThat(committed).isEqualTo(Drop.ids(1, 1500));
    assertThat(left("drop")).containsExactly("done");
    assertThat(left("drop/done")).containsExactly("orders.csv", "orders.xlsx");
  }

  @Test
  void aLostConnectionInTheMiddleOfAFileIsReopenedAndReadOnWithoutDuplicates() throws Exception {
    drop.text("orders.csv", Drop.orders(1, 500));
    List<String> read = new ArrayList<>();
    try (PollingSource source = CONNECTOR.openPolling(sftp())) {
      Batch b = source.poll(null, 200);
      read.addAll(ids(b));
      server.dropConnections(); // the network fails between two polls
      b = source.poll(b.next(), 200);
      read.addAll(ids(b));
      server = server.restarted(); // the server restarts between two polls
      var rest = drain(source, b.next(), 200);
      read.addAll(rest.ids());
      source.committed(rest.end());
    }
    assertThat(read).isEqualTo(Drop.ids(1, 500));
    assertThat(left("drop/done")).containsExactly("orders.csv");
  }

  @Test
  void aServerThatIsDownIsUnavailableAndComesBackOnTheNextPoll() throws Exception {
    drop.text("orders.csv", Drop.orders(1, 3));
    int port = server.port();
    try (PollingSource source = CONNECTOR.openPolling(sftp())) {
      server.close();
      var e = catchThrowableOfType(ConnectorException.class, () -> source.poll(null, 10));
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
      assertThat(e.getMessage())
          .isEqualTo(
              "Could not reach the SFTP server 127.0.0.1:"
                  + port
                  + " (connection refused: nothing listens on that port, or a firewall refuses"
                  + " it)");
      server = server.again();
      assertThat(drain(source, null, 10).ids()).containsExactly("1", "2", "3");
    }
  }

  @Test
  void aWrongPasswordIsAConfigurationProblemNamingTheUser() throws Exception {
    var e = failure(sftp("password", "wrong"));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo(
            "The SFTP server 127.0.0.1:"
                + server.port()
                + " refused the login of user etl with the password; check Username and Password")
        .doesNotContain("wrong");
    e = failure(sftp("username", "nobody"));
    assertThat(e.getMessage()).contains("refused the login of user nobody");
  }

  @Test
  void aServerWithAnotherHostKeyIsRefusedBeforeThePasswordIsSent() throws Exception {
    String other = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    var e = failure(sftp("hostKey", other));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .startsWith(
            "The SFTP server's host key "
                + server.fingerprint()
                + " (ssh-ed25519) at 127.0.0.1:"
                + server.port()
                + " does not match the configured one ("
                + other
                + "): the connection is refused");
    assertThat(server.passwordAttempts).hasValue(0);

    // No host key yet: refused too, and the message shows the one to check and paste.
    e = failure(sftp("hostKey", null));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .contains("shows the host key " + server.fingerprint() + " (ssh-ed25519)")
        .contains("no Host key is set");
    assertThat(server.passwordAttempts).hasValue(0);
  }

  @Test
  void theHostKeyMayBeGivenAsSshKeygenPrintsItAsThePublicKeyOrAmongSeveral() throws Exception {
    drop.text("orders.csv", Drop.orders(1, 2));
    String fp = server.fingerprint();
    String publicKey =
        org.apache.sshd.common.config.keys.PublicKeyEntry.toString(server.hostKey.getPublic());
    for (String hostKey :
        List.of(
            "256 " + fp + " root@files (ED25519)",
            fp + "=",
            "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU, " + fp,
            publicKey,
            "[127.0.0.1]:" + server.port() + " " + publicKey)) {
      assertThat(CONNECTOR.check(sftp("hostKey", hostKey)).summary())
          .as(hostKey)
          .contains("1 file matches");
    }
    var e = failure(sftp("hostKey", "the fingerprint"));
    assertThat(e.getMessage()).startsWith("Host key must be the SFTP server's key fingerprint");
  }

  @Test
  void aPrivateKeyLogsInAlsoPastedOnOneLineAndEncryptedWithItsPassphrase() throws Exception {
    drop.text("orders.csv", Drop.orders(1, 2));
    String key = server.privateKey(null);
    assertThat(CONNECTOR.check(sftp("password", null, "privateKey", key)).summary())
        .contains("1 file matches");
    String oneLine = key.replace("\n", " ").replace("\r", "");
    assertThat(CONNECTOR.check(sftp("password", null, "privateKey", oneLine)).summary())
        .as("pasted into a one-line field")
        .contains("1 file matches");

    String encrypted = server.privateKey("key passphrase");
    assertThat(
            CONNECTOR
                .check(
                    sftp(
                        "password",
                        null,
                        "privateKey",
                        encrypted,
                        "privateKeyPassphrase",
                        "key passphrase"))
                .summary())
        .contains("1 file matches");
    var e = failure(sftp("password", null, "privateKey", encrypted));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo("The private key is encrypted: put its passphrase in Private key passphrase");
    e = failure(sftp("password", null, "privateKey", encrypted, "privateKeyPassphrase", "not it"));
    assertThat(e.getMessage()).startsWith("The private key could not be read with the given");
    e = failure(sftp("password", null, "privateKey", "ssh-ed25519 AAAAC3Nza... etl@test"));
    assertThat(e.getMessage()).startsWith("Private key");

    // Another user's key: refused like a wrong password.
    String stranger = SftpTestServer.privateKey(SftpTestServer.newKey(), null);
    e = failure(sftp("password", null, "privateKey", stranger));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .contains(
            "refused the login of user etl with the private key; check Username and that the"
                + " private key's public key is in the user's authorized_keys");
  }

  @Test
  void aFileStillBeingUploadedIsNotTakenUntilItHasStoppedChangingForMinAge() throws Exception {
    Path file = root.resolve("drop/orders.csv");
    Files.writeString(file, "id,customer,total\n1,a,1.00\n2,b,"); // half a line so far
    // The server's clock is an hour behind ours: by its time the file looks old already.
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    TestContext context = sftp("minAge", "2s");
    MovableClock clock = new MovableClock();
    try (PollingSource source = new FilesConnector(clock).openPolling(context)) {
      Batch b = source.poll(null, 100);
      assertThat(b.records()).isEmpty();
      assertThat(context.statusLines()).last().asString().startsWith("waiting for orders.csv");

      clock.advance(Duration.ofMillis(1200));
      Files.writeString(file, "2.00\n3,c,3.00\n", StandardOpenOption.APPEND);
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
      assertThat(source.poll(null, 100).records())
          .as("it has just changed: still being written")
          .isEmpty();
      clock.advance(Duration.ofMillis(1200));
      assertThat(source.poll(null, 100).records())
          .as("it changed 1.2 s ago: still being written")
          .isEmpty();

      clock.advance(Duration.ofMillis(1000));
      assertThat(drain(source, null, 100).ids())
          .as("quiet for 2.2 s by our clock")
          .containsExactly("1", "2", "3");
    }
  }

  @Test
  void aFileWhoseTimeIsInTheFutureIsReadOnceItHasBeenQuietForMinAge() throws Exception {
    // The server's clock is an hour ahead: a local folder would wait an hour.
    Path file = drop.text("orders.csv", Drop.orders(1, 2));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
    MovableClock clock = new MovableClock();
    try (PollingSource source = new FilesConnector(clock).openPolling(sftp("minAge", "1s"))) {
      assertThat(source.poll(null, 10).records()).isEmpty();
      clock.advance(Duration.ofMillis(1100));
      assertThat(drain(source, null, 10).ids()).containsExactly("1", "2");
    }
  }

  @Test
  void aFinishedFileWhoseMoveDidNotHappenIsNotReadTwiceAndMovesWithTheNextCommit()
      throws Exception {
    drop.text("a.csv", Drop.orders(1, 2));
    drop.text("b.csv", Drop.orders(3, 4));
    drop.text("c.csv", "id,customer,total\n"); // no rows
    drop.text("d.csv", Drop.orders(5, 5));
    Files.createDirectories(root.resolve("archive"));
    Files.writeString(root.resolve("archive/a.csv"), "an earlier a.csv");
    try (PollingSource source = CONNECTOR.openPolling(sftp("doneFolder", "/archive/2024/03"))) {
      Batch a = source.poll(null, 100);
      Batch b = source.poll(a.next(), 100); // committed(a) never came
      assertThat(ids(b)).containsExactly("3", "4");
      Batch d = source.poll(b.next(), 100);
      assertThat(ids(d)).containsExactly("5");
      source.committed(d.next());
      assertThat(left("archive/2024/03")).containsExactly("a.csv", "b.csv", "c.csv", "d.csv");
      assertThat(source.poll(d.next(), 100).records()).isEmpty();

      drop.text("a.csv", Drop.orders(6, 6)); // the same name again
      var again = drain(source, d.next(), 100);
      assertThat(again.ids()).containsExactly("6");
      source.committed(again.end());
      assertThat(left("archive/2024/03")).contains("a.csv", "a-2.csv");
      assertThat(root.resolve("archive/2024/03/a-2.csv")).hasContent(Drop.orders(6, 6));
    }
    assertThat(root.resolve("archive/a.csv")).hasContent("an earlier a.csv");
  }

  @Test
  void checkLogsInListsTheFolderAndTriesWritingThere() throws Exception {
    assertThat(CONNECTOR.check(sftp()).summary())
        .isEqualTo(
            "sftp://etl@127.0.0.1:" + server.port() + "/drop: no file matches *.{csv,xlsx} yet");
    drop.text("orders.csv", Drop.orders(1, 9));
    var check = CONNECTOR.check(sftp("folder", "drop/", "minAge", "1m"));
    assertThat(check.summary())
        .isEqualTo(
            "sftp://etl@127.0.0.1:"
                + server.port()
                + "/~/drop: 1 file matches *.{csv,xlsx}; the next to read is orders.csv (180"
                + " bytes), columns id, customer, total");
    assertThat(check.sample()).hasSize(5);
    assertThat(left("drop")).as("the test file is gone again").containsExactly("orders.csv");

    var e = failure(sftp("folder", "/nowhere"));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo(
            "Folder /nowhere does not exist on the SFTP server (sftp://etl@127.0.0.1:"
                + server.port()
                + "/nowhere)");
    e = failure(sftp("folder", "/drop/orders.csv"));
    assertThat(e.getMessage()).endsWith("/drop/orders.csv is not a folder");
    Files.writeString(root.resolve("drop/done"), "a file");
    e = failure(sftp());
    assertThat(e.getMessage()).endsWith("/drop/done is a file, not a folder");
  }

  @Test
  void settingsSayWhatIsMissingOrMisplaced() {
    Map<String, String> local = new java.util.HashMap<>(drop.config());
    local.put("host", "files.example.com");
    assertThat(failure(context(local)).getMessage())
        .startsWith("Host, username, password, private key and host key are for a folder on an")
        .endsWith("set Location to sftp, or leave host empty");
    assertThat(failure(sftp("host", null)).getMessage()).startsWith("Host is required");
    assertThat(failure(sftp("host", "etl@files")).getMessage())
        .startsWith("Host is the SFTP server's name or address only");
    assertThat(failure(sftp("port", "70000")).getMessage()).startsWith("Port must be between");
    assertThat(failure(sftp("username", null)).getMessage()).startsWith("Username is required");
    assertThat(failure(sftp("password", null)).getMessage())
        .isEqualTo("An SFTP folder needs a Password or a Private key to log in with");
    assertThat(failure(sftp("doneFolder", "/drop/.")).getMessage())
        .startsWith("Done folder must not be the folder itself");
  }
}
