package io.millwright.server.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantFileIOTest {

  @TempDir Path dir;

  private static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private static void write(TenantFileIO io, String location, String text) throws IOException {
    OutputFile out = io.newOutputFile(location);
    try (PositionOutputStream s = out.create()) {
      s.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String read(TenantFileIO io, String location) throws IOException {
    try (InputStream in = io.newInputFile(location).newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void filesAreEncryptedOnDiskAndReadBackWithTheKey() throws IOException {
    Path root = dir.resolve("warehouse");
    TenantFileIO io = new TenantFileIO(root, key());
    String location = root.resolve("t/data/a.txt").toString();
    write(io, location, "customer 4711 owes 12.50");

    byte[] onDisk = Files.readAllBytes(root.resolve("t/data/a.txt"));
    assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).doesNotContain("customer");
    assertThat(read(io, location)).isEqualTo("customer 4711 owes 12.50");
    assertThat(io.newInputFile(location).getLength()).isEqualTo(24);
  }

  @Test
  void anotherKeyCannotReadTheFiles() throws IOException {
    Path root = dir.resolve("warehouse");
    String location = root.resolve("t/a.txt").toString();
    write(new TenantFileIO(root, key()), location, "secret");

    assertThatThrownBy(() -> read(new TenantFileIO(root, key()), location))
        .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class);
  }

  @Test
  void aFileMovedToAnotherPlaceNoLongerAuthenticates() throws IOException {
    Path root = dir.resolve("warehouse");
    byte[] key = key();
    TenantFileIO io = new TenantFileIO(root, key);
    write(io, root.resolve("dataset-1/a.txt").toString(), "rows of dataset 1");
    Files.createDirectories(root.resolve("dataset-2"));
    Files.copy(root.resolve("dataset-1/a.txt"), root.resolve("dataset-2/a.txt"));

    assertThatThrownBy(() -> read(io, root.resolve("dataset-2/a.txt").toString()))
        .hasRootCauseInstanceOf(javax.crypto.AEADBadTagException.class);
  }

  @Test
  void locationsOutsideTheWarehouseAreRefusedBeforeAnyIo() throws IOException {
    Path root = dir.resolve("tenant-a/warehouse");
    Files.createDirectories(dir.resolve("tenant-b/warehouse"));
    TenantFileIO io = new TenantFileIO(root, key());

    for (String location :
        new String[] {
          dir.resolve("tenant-b/warehouse/x/metadata.json").toString(),
          root.resolve("../../tenant-b/warehouse/x").toString(),
          "file:" + dir.resolve("tenant-b/warehouse/y"),
          "/etc/passwd",
          root.toString()
        }) {
      assertThatThrownBy(() -> io.newInputFile(location))
          .as(location)
          .isInstanceOf(SecurityException.class);
      assertThatThrownBy(() -> io.newOutputFile(location))
          .as(location)
          .isInstanceOf(SecurityException.class);
    }
    assertThat(io.resolve("file://" + root.resolve("x/y"))).isEqualTo(root.resolve("x/y"));
  }
}
