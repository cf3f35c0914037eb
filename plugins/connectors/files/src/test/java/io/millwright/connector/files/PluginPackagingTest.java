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
            "folder", "pattern", "format", "delimiter", "sheet", "doneFolder", "minAge");
    assertThat(d.options().stream().filter(ConfigOption::required).map(ConfigOption::name))
        .containsExactly("folder");
    assertThat(ConnectorConfig.of(d, Map.of("folder", "/srv/drop")).values())
        .containsEntry("pattern", "*.{csv,xlsx}")
        .containsEntry("format", "auto")
        .containsEntry("minAge", "5s");
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
