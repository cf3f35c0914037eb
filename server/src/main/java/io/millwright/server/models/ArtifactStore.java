package io.millwright.server.models;

import io.millwright.server.datasets.DatasetTables;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.iceberg.io.FileIO;

/**
 * Model artifacts in the tenant's own storage, encrypted with the tenant's data key like its
 * datasets (local folder or object store): a zip of the folder the model type saved, with the
 * SHA-256 of that zip recorded on the model version. Shredding the tenant's key makes them
 * unreadable.
 */
@ApplicationScoped
public class ArtifactStore {

  @Inject DatasetTables tables;

  /** Where and what was stored. */
  public record Stored(String location, String sha256, long bytes) {}

  public Stored store(TenantId tenant, UUID run, Path folder) {
    String location = tables.warehouseOf(tenant) + "/models/" + run + "/artifact.zip";
    FileIO io = tables.files(tenant);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long[] bytes = new long[1];
      try (OutputStream raw = io.newOutputFile(location).createOrOverwrite();
          CountingStream counting = new CountingStream(raw, bytes);
          DigestOutputStream digest = new DigestOutputStream(counting, sha);
          ZipOutputStream zip = new ZipOutputStream(digest);
          Stream<Path> files = Files.list(folder)) {
        for (Path f : files.sorted().toList()) {
          ZipEntry entry = new ZipEntry(f.getFileName().toString());
          entry.setTime(0); // the same model gives the same bytes, hence the same checksum
          zip.putNextEntry(entry);
          Files.copy(f, zip);
          zip.closeEntry();
        }
      }
      return new Stored(location, HexFormat.of().formatHex(sha.digest()), bytes[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unpacks a stored artifact into an empty folder, checking its checksum. */
  public void restore(TenantId tenant, String location, String sha256, Path folder) {
    FileIO io = tables.files(tenant);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream raw = io.newInputFile(location).newStream();
          DigestInputStream digest = new DigestInputStream(raw, sha);
          ZipInputStream zip = new ZipInputStream(digest)) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          Path target = folder.resolve(e.getName()).normalize();
          if (!target.getParent().equals(folder.normalize())) {
            throw new IOException("artifact entry outside its folder: " + e.getName());
          }
          Files.copy(zip, target);
        }
        // The zip's central directory follows the entries: the checksum covers every byte.
        digest.transferTo(OutputStream.nullOutputStream());
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(sha256)) {
        throw new IllegalStateException(
            "the stored artifact "
                + location
                + " has SHA-256 "
                + actual
                + ", not the recorded "
                + sha256
                + ": it was changed or damaged");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public void delete(TenantId tenant, List<String> locations) {
    tables.deleteFiles(tenant, locations);
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    private final long[] count;

    CountingStream(OutputStream out, long[] count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count[0]++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count[0] += len;
    }
  }
}
