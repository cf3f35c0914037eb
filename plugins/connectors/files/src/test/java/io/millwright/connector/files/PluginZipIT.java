package io.millwright.connector.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it: the connector comes from the
 * plugin's class loader and reads a CSV and an XLSX with the commons-csv and POI in its lib/, while
 * this test's class path holds a POI of its own, as the server's does.
 */
class PluginZipIT {

  private static final Path ZIP = Path.of("target/millwright-connector-files-1.0.0-plugin.zip");
  private static final String ID = "millwright-connector-files";

  @Test
  void theZipHoldsTheClassesCommonsCsvAndPoiButNotWhatTheHostProvides() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/connector/files/FilesConnector.class",
              "lib/commons-csv-1.14.1.jar",
              "lib/poi-5.5.1.jar",
              "lib/poi-ooxml-5.5.1.jar",
              "lib/poi-ooxml-lite-5.5.1.jar")
          .contains(
              "lib/sshd-core-2.20.0.jar",
              "lib/sshd-common-2.20.0.jar",
              "lib/sshd-sftp-2.20.0.jar",
              "lib/eddsa-0.3.0.jar",
              "lib/slf4j-jdk14-2.0.17.jar")
          .anyMatch(n -> n.matches("lib/slf4j-api-2\\.[\\d.]+\\.jar"))
          .anyMatch(n -> n.matches("lib/xmlbeans-[\\d.]+\\.jar"))
          .noneMatch(n -> n.contains("jcl-over-slf4j"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"))
          .noneMatch(n -> n.contains("junit") || n.contains("assertj"));
      String properties =
          new String(
              zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(properties)
          .contains("plugin.id=" + ID, "plugin.version=1.0.0", "plugin.requires=1.0.0")
          .doesNotContain("${");
    }
  }

  @Test
  void pf4jLoadsTheConnectorWhichReadsCsvAndXlsxThroughItsOwnLibraries(
      @TempDir Path plugins, @TempDir Path drop) throws Exception {
    Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      assertThat(manager.getPlugin(ID).getPluginState()).isEqualTo(PluginState.STARTED);
      List<Connector> connectors = manager.getExtensions(Connector.class, ID);
      assertThat(connectors).hasSize(1);
      Connector connector = connectors.get(0);
      ClassLoader pluginLoader = manager.getPluginClassLoader(ID);
      assertThat(connector.getClass().getClassLoader()).isSameAs(pluginLoader);
      assertThat(connector.getClass()).isNotSameAs(FilesConnector.class);
      for (String library :
          List.of("org.apache.commons.csv.CSVParser", "org.apache.poi.openxml4j.opc.OPCPackage")) {
        assertThat(pluginLoader.loadClass(library).getClassLoader())
            .as(library + " from the plugin's lib/")
            .isSameAs(pluginLoader);
      }

      Drop files = new Drop(drop);
      files.text("a.csv", "id;name\n1;Zoë\n2;\"two\nlines\"\n");
      files.xlsx(
          "b.xlsx",
          wb -> {
            Sheet s = wb.createSheet("Orders");
            s.createRow(0).createCell(0).setCellValue("id");
            s.getRow(0).createCell(1).setCellValue("ordered");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("d/m/yy"));
            Row r = s.createRow(1);
            r.createCell(0).setCellValue(3);
            Cell d = r.createCell(1);
            d.setCellValue(java.time.LocalDate.of(2024, 2, 29));
            d.setCellStyle(date);
          });
      TestContext context = new TestContext(connector.descriptor(), files.config());
      assertThat(connector.check(context).summary()).contains("2 files match", "a.csv");
      List<SourceRecord> read = new ArrayList<>();
      try (PollingSource source = connector.openPolling(context)) {
        Batch b = source.poll(null, 100);
        read.addAll(b.records());
        source.committed(b.next());
        while (b.more()) {
          b = source.poll(b.next(), 100);
          read.addAll(b.records());
          source.committed(b.next());
        }
      }
      assertThat(read)
          .extracting(SourceRecord::origin)
          .containsExactly("a.csv line 2", "a.csv line 3", "b.xlsx Orders row 2");
      assertThat(read.get(1).values()).containsEntry("name", "two\nlines");
      assertThat(read.get(2).values())
          .containsEntry("id", "3")
          .containsEntry("ordered", "2024-02-29");
      assertThat(drop.resolve("done/a.csv")).exists();
      assertThat(drop.resolve("done/b.xlsx")).exists();
    } finally {
      // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
      manager.stopPlugin(ID);
      manager.unloadPlugin(ID);
    }
  }

  /**
   * SFTP through the loaded plugin: its own SSHD (from lib/) connects to a real SFTP server, checks
   * the ed25519 host key and logs in with an ed25519 key, which needs the EdDSA provider SSHD finds
   * through the context class loader. The thread's context class loader here is one that sees
   * neither SSHD nor EdDSA, as in the host, where it is the server's.
   */
  @Test
  void theLoadedConnectorReadsFromSftpWithItsOwnSshdWhateverTheContextClassLoader(
      @TempDir Path plugins, @TempDir Path root) throws Exception {
    Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (SftpTestServer server = new SftpTestServer(root)) {
      Connector connector = manager.getExtensions(Connector.class, ID).get(0);
      ClassLoader pluginLoader = manager.getPluginClassLoader(ID);
      for (String library :
          List.of(
              "org.apache.sshd.client.SshClient",
              "org.apache.sshd.sftp.client.SftpClient",
              "net.i2p.crypto.eddsa.EdDSAKey")) {
        assertThat(pluginLoader.loadClass(library).getClassLoader())
            .as(library + " from the plugin's lib/")
            .isSameAs(pluginLoader);
      }
      Files.createDirectories(root.resolve("in"));
      Drop files = new Drop(root.resolve("in"));
      files.text("a.csv", "id;name\n1;Zoë\n");
      files.xlsx(
          "b.xlsx",
          wb -> {
            Sheet s = wb.createSheet("Orders");
            s.createRow(0).createCell(0).setCellValue("id");
            s.createRow(1).createCell(0).setCellValue(2);
          });
      TestContext context =
          new TestContext(
              connector.descriptor(),
              server.config(
                  "folder", "/in", "password", null, "privateKey", server.privateKey(null)));

      thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
      assertThat(connector.check(context).summary()).contains("2 files match", "a.csv");
      List<SourceRecord> read = new ArrayList<>();
      try (PollingSource source = connector.openPolling(context)) {
        Batch b = source.poll(null, 100);
        read.addAll(b.records());
        while (b.more()) {
          b = source.poll(b.next(), 100);
          read.addAll(b.records());
        }
        assertThat(root.resolve("in/a.csv")).as("moved only after the commit").exists();
        source.committed(b.next());
      }
      assertThat(read)
          .extracting(SourceRecord::origin)
          .containsExactly("a.csv line 2", "b.xlsx Orders row 2");
      assertThat(read.get(0).values()).containsEntry("name", "Zoë");
      assertThat(root.resolve("in/done/a.csv")).exists();
      assertThat(root.resolve("in/done/b.xlsx")).exists();
    } finally {
      thread.setContextClassLoader(before);
      manager.stopPlugin(ID);
      manager.unloadPlugin(ID);
    }
  }
}
