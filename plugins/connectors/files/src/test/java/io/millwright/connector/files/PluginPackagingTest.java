package io.millwright.connector.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the host relies on to find and use the plugin, and the settings and offset on their own. */
class PluginPackagingTest {

  @Test
  void theExtensionIsIndexedForPf4j() throws Exception {
    boolean found = false;
    for (URL url :
        Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        String idx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        found |= idx.lines().anyMatch(FilesConnector.class.getName()::equals);
      }
    }
    assertThat(found).as("META-INF/extensions.idx names FilesConnector").isTrue();
    assertThat(FilesConnector.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
    assertThat(Connector.class).isAssignableFrom(FilesConnector.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new FilesConnector().descriptor();
    assertThat(d.id()).isEqualTo("files");
    assertThat(d.capabilities()).containsExactly(Capability.POLL);
    assertThat(d.options())
        .extracting(ConfigOption::name)
        .containsExactly(
            "location",
            "folder",
            "host",
            "port",
            "username",
            "password",
            "privateKey",
            "privateKeyPassphrase",
            "hostKey",
            "pattern",
            "format",
            "delimiter",
            "sheet",
            "doneFolder",
            "minAge");
    assertThat(d.options().stream().filter(o -> o.required() && o.defaultValue() == null))
        .extracting(ConfigOption::name)
        .containsExactly("folder");
    assertThat(d.options().stream().filter(ConfigOption::secret))
        .as("stored encrypted by the host, never returned")
        .extracting(ConfigOption::name)
        .containsExactly("password", "privateKey", "privateKeyPassphrase");
    assertThat(ConnectorConfig.of(d, Map.of("folder", "/srv/drop")).values())
        .containsEntry("location", "local")
        .containsEntry("port", "22")
        .containsEntry("pattern", "*.{csv,xlsx}")
        .containsEntry("format", "auto")
        .containsEntry("minAge", "5s");
    assertThat(d.options().stream().filter(o -> o.name().equals("location")).findFirst())
        .get()
        .extracting(ConfigOption::choices)
        .isEqualTo(List.of("local", "sftp"));
  }

  @Test
  void sftpSettingsKeepThePathsOfTheServerAndTheSecretsOutOfToString() throws Exception {
    FilesSettings s =
        settings(
            "location", "sftp",
            "host", "files.example.com",
            "username", "etl",
            "password", " pass word ",
            "folder", "/upload//orders/./");
    assertThat(s.location()).isEqualTo(FilesSettings.Location.SFTP);
    assertThat(s.folder()).isNull();
    assertThat(s.sftp().folder()).isEqualTo("/upload/orders");
    assertThat(s.sftp().doneFolder()).isEqualTo("/upload/orders/done");
    assertThat(s.sftp().port()).isEqualTo(22);
    assertThat(s.sftp().password()).as("kept as typed").isEqualTo(" pass word ");
    assertThat(s.where()).isEqualTo("sftp://etl@files.example.com:22/upload/orders");
    assertThat(s.sftp().toString()).doesNotContain("pass word");
    assertThat(s.toString()).doesNotContain("pass word");
    FilesSettings relative =
        settings(
            "location", "sftp",
            "host", "[::1]",
            "port", "2222",
            "username", "etl",
            "privateKey", "-----BEGIN OPENSSH PRIVATE KEY-----",
            "folder", "upload",
            "doneFolder", "../archive");
    assertThat(relative.sftp().host()).isEqualTo("::1");
    assertThat(relative.sftp().folder()).isEqualTo("upload");
    assertThat(relative.sftp().doneFolder()).isEqualTo("archive");
    assertThat(relative.where()).isEqualTo("sftp://etl@[::1]:2222/~/upload");
    assertThat(FilesSettings.remote(".", "Folder")).isEqualTo(".");
    assertThat(FilesSettings.remote("/a/../../b", "Folder")).isEqualTo("/b");
    assertThat(FilesSettings.remote("a/../..", "Folder")).isEqualTo("..");
    assertThat(
            problem(
                "location",
                "sftp",
                "host",
                "h",
                "username",
                "u",
                "password",
                "p",
                "folder",
                "C:\\drop"))
        .startsWith("Folder on an SFTP server is a path such as /upload/orders");
  }

  @Test
  void aKeyPastedIntoAOneLineFieldGetsItsLineBreaksBack() {
    String body =
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW" + "QyNTUxOQAAACA";
    String flat =
        "-----BEGIN OPENSSH PRIVATE KEY----- " + body + " -----END OPENSSH PRIVATE KEY-----";
    assertThat(SftpFolder.pem(flat))
        .isEqualTo(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + body.substring(0, 64)
                + "\n"
                + body.substring(64)
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
    String legacy =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----";
    assertThat(SftpFolder.pem(legacy)).isEqualTo(legacy);
  }

  private static FilesSettings settings(String... kv) throws ConnectorException {
    Map<String, String> m = new HashMap<>();
    m.put("folder", "/srv/drop");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return FilesSettings.of(ConnectorConfig.of(new FilesConnector().descriptor(), m));
  }

  @Test
  void settingsReadDelimitersPatternsAndTheDoneFolder() throws Exception {
    FilesSettings s = settings();
    assertThat(s.doneFolder()).isEqualTo(Path.of("/srv/drop/done"));
    assertThat(s.delimiter()).isNull();
    assertThat(s.matches("Orders.CSV")).isTrue();
    assertThat(s.matches("orders.xlsx")).isTrue();
    assertThat(s.matches("orders.xls")).isFalse();
    assertThat(settings("delimiter", "tab").delimiter()).isEqualTo('\t');
    assertThat(settings("delimiter", ";").delimiter()).isEqualTo(';');
    assertThat(settings("doneFolder", "archive").doneFolder())
        .isEqualTo(Path.of("/srv/drop/archive"));
    assertThat(settings("doneFolder", "/srv/archive").doneFolder())
        .isEqualTo(Path.of("/srv/archive"));
    assertThat(problem("delimiter", "ab")).startsWith("Delimiter must be one character");
    assertThat(problem("folder", "drop")).startsWith("Folder must be an absolute path");
    assertThat(problem("pattern", "in/*.csv")).startsWith("Pattern matches file names");
    assertThat(problem("doneFolder", ".")).startsWith("Done folder must not be the folder");
  }

  private static String problem(String... kv) {
    return catchThrowableOfType(ConnectorException.class, () -> settings(kv)).getMessage();
  }

  @Test
  void anOffsetRoundTrips() throws Exception {
    FileId a = new FileId("a \"b\".csv", 10, Instant.parse("2024-03-01T10:00:00.123456789Z"), "ab");
    FileId b = new FileId("b.csv", 20, Instant.parse("2024-03-01T10:00:01Z"), "cd");
    FilePosition p = new FilePosition(b, 7, false, List.of(a));
    Offset o = p.toOffset();
    assertThat(o.value())
        .isEqualTo(
            "{\"file\":\"b.csv\",\"size\":20,\"modified\":\"2024-03-01T10:00:01Z\",\"sha256\":\"cd\","
                + "\"row\":7,\"done\":false,\"finished\":[{\"file\":\"a \\\"b\\\".csv\",\"size\":10,"
                + "\"modified\":\"2024-03-01T10:00:00.123456789Z\",\"sha256\":\"ab\"}]}");
    assertThat(FilePosition.of(o)).isEqualTo(p);
    assertThat(FilePosition.START.toOffset().value()).isEqualTo("{\"finished\":[]}");
    assertThat(FilePosition.of(FilePosition.START.toOffset())).isEqualTo(FilePosition.START);
    assertThat(
            catchThrowableOfType(
                ConnectorException.class, () -> FilePosition.of(new Offset("{\"file\":1}"))))
        .hasMessageStartingWith("The saved offset is not one this connector wrote");
  }
}
