package io.millwright.server.datasets.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.encryption.AesGcmInputFile;
import org.apache.iceberg.encryption.AesGcmOutputFile;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * The only way dataset files are read or written: a tenant's warehouse directory, every file
 * encrypted with AES-GCM under the tenant's data key.
 *
 * <p>Three properties follow. Files are unreadable without the key, and destroying the tenant's
 * wrapped key (crypto-shredding) makes them unrecoverable even from backups. The file's path
 * relative to the warehouse root is the additional authenticated data, so a file copied or renamed
 * to another place, table or tenant fails authentication instead of being read as something else.
 * And a location outside the warehouse root is refused before any I/O, so neither a crafted
 * metadata file nor a bug can make one tenant's table reach another's files.
 *
 * <p>Iceberg's own streams do the cryptography ({@link AesGcmOutputFile}, 1 MiB blocks, each with
 * its own nonce and tag), which keeps random access for Parquet footers and column chunks.
 */
public final class TenantFileIO implements FileIO {

  private static final long serialVersionUID = 1L;

  private final Path root;
  private final byte[] dataKey;

  /**
   * @param root the tenant's warehouse directory
   * @param dataKey the tenant's 32-byte data key
   */
  public TenantFileIO(Path root, byte[] dataKey) {
    if (dataKey.length != 32) {
      throw new IllegalArgumentException("a data key is 32 bytes");
    }
    this.root = root.toAbsolutePath().normalize();
    this.dataKey = dataKey.clone();
  }

  public Path root() {
    return root;
  }

  @Override
  public InputFile newInputFile(String location) {
    Path path = resolve(location);
    Long encryptedLength;
    try {
      encryptedLength = Files.exists(path) ? Files.size(path) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + location, e);
    }
    return new AesGcmInputFile(
        org.apache.iceberg.Files.localInput(path.toFile()), dataKey, aad(path), encryptedLength);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = resolve(location);
    return new ClosingOnce(
        new AesGcmOutputFile(
            org.apache.iceberg.Files.localOutput(path.toFile()), dataKey, aad(path)));
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.deleteIfExists(resolve(location));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + location, e);
    }
  }

  /** The absolute file a location names, if it lies inside the warehouse. */
  public Path resolve(String location) {
    String plain = location.startsWith("file:") ? location.substring("file:".length()) : location;
    while (plain.startsWith("//")) {
      plain = plain.substring(1);
    }
    Path path = Path.of(plain).toAbsolutePath().normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new SecurityException("location outside the tenant's warehouse: " + location);
    }
    return path;
  }

  private byte[] aad(Path path) {
    return root.relativize(path).toString().getBytes(StandardCharsets.UTF_8);
  }
}
