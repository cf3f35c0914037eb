package io.millwright.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveTest {

  static final String PROPERTIES =
      "plugin.id=acme-crm\nplugin.version=1.2.0\nplugin.requires=1.0.0\nplugin.provider=Acme\n";

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static Map<String, byte[]> good() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("plugin.properties", PROPERTIES.getBytes(StandardCharsets.UTF_8));
    m.put("classes/com/acme/Crm.class", new byte[] {1, 2, 3});
    m.put("lib/acme-http-1.0.jar", new byte[] {4, 5});
    return m;
  }

  @Test
  void aWellFormedArchiveIsReadAndUnpackedInsideItsFolder(@TempDir Path dir) throws IOException {
    PluginArchive archive = PluginArchive.check(zip(good()), PluginArchive.Limits.DEFAULT);
    assertThat(archive.manifest().id()).isEqualTo("acme-crm");
    assertThat(archive.manifest().requires()).isEqualTo("1.0.0");
    assertThat(archive.sha256()).hasSize(64);
    archive.unpackInto(dir.resolve("p"));
    assertThat(Files.readAllBytes(dir.resolve("p/lib/acme-http-1.0.jar"))).containsExactly(4, 5);
  }

  @Test
  void entriesThatEscapeTheFolderAreRefused() throws IOException {
    for (String evil : new String[] {"../evil.sh", "classes/../../evil", "/etc/passwd", "C:\\x"}) {
      Map<String, byte[]> m = good();
      m.put(evil, new byte[] {0});
      assertThatThrownBy(() -> PluginArchive.check(zip(m), PluginArchive.Limits.DEFAULT))
          .as(evil)
          .isInstanceOf(PluginRefusedException.class)
          .hasMessageContaining(evil);
    }
  }

  @Test
  void aZipBombIsRefusedByWhatItUnpacksTo() throws IOException {
    Map<String, byte[]> m = good();
    m.put("lib/bomb.bin", new byte[5_000_000]); // compresses to a few KB
    byte[] bytes = zip(m);
    assertThat(bytes.length).isLessThan(100_000);
    assertThatThrownBy(
            () -> PluginArchive.check(bytes, new PluginArchive.Limits(1 << 20, 1 << 20, 100)))
        .isInstanceOf(PluginRefusedException.class)
        .hasMessageContaining("zip bomb");
  }

  @Test
  void oversizeMalformedAndIncompleteArchivesAreRefusedWithTheReason() throws IOException {
    assertThatThrownBy(
            () -> PluginArchive.check(zip(good()), new PluginArchive.Limits(10, 1 << 20, 100)))
        .hasMessageContaining("at most 10 are accepted");
    assertThatThrownBy(
            () ->
                PluginArchive.check(
                    "not a zip at all".getBytes(StandardCharsets.UTF_8),
                    PluginArchive.Limits.DEFAULT))
        .isInstanceOf(PluginRefusedException.class);
    Map<String, byte[]> noProps = good();
    noProps.remove("plugin.properties");
    assertThatThrownBy(() -> PluginArchive.check(zip(noProps), PluginArchive.Limits.DEFAULT))
        .hasMessageContaining("no plugin.properties");
    Map<String, byte[]> badVersion = good();
    badVersion.put(
        "plugin.properties",
        "plugin.id=acme\nplugin.version=one\nplugin.requires=1.0.0"
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PluginArchive.check(zip(badVersion), PluginArchive.Limits.DEFAULT))
        .hasMessageContaining("not a semantic version");
  }

  @Test
  void anArchiveBundlingThePluginApiOrPf4jIsRefused() throws IOException {
    Map<String, byte[]> m = good();
    m.put("lib/millwright-plugin-api-1.1.0.jar", new byte[] {1});
    assertThatThrownBy(() -> PluginArchive.check(zip(m), PluginArchive.Limits.DEFAULT))
        .hasMessageContaining("must not be bundled");
    Map<String, byte[]> p = good();
    p.put("lib/pf4j-3.15.0.jar", new byte[] {1});
    assertThatThrownBy(() -> PluginArchive.check(zip(p), PluginArchive.Limits.DEFAULT))
        .hasMessageContaining("must not be bundled");
  }
}
