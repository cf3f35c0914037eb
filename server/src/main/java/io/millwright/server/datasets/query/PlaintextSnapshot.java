package io.millwright.server.datasets.query;

import io.millwright.server.tenants.TenantStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * One version of a table, decrypted for the length of one query into a private scratch directory
 * (owner-only, RAM-backed by default) and deleted afterwards. DuckDB reads plain Parquet; the
 * tenant's files stay encrypted at rest, and the plaintext never outlives the query.
 *
 * <p>Only data files are copied: the platform never writes Iceberg delete files (row deletions
 * rewrite the affected files), so a snapshot's data files are exactly its rows. A snapshot with
 * delete files is refused rather than answered wrongly.
 */
public final class PlaintextSnapshot implements AutoCloseable {

  private final Path directory;
  private final List<Path> files;
  private final Set<Integer> fieldsPresent;
  private final long bytes;

  private PlaintextSnapshot(Path directory, List<Path> files, Set<Integer> fields, long bytes) {
    this.directory = directory;
    this.files = files;
    this.fieldsPresent = fields;
    this.bytes = bytes;
  }

  /**
   * @param snapshot the version to read; null for a table without data
   */
  public static PlaintextSnapshot decrypt(Table table, Snapshot snapshot, Path scratchRoot) {
    Path directory;
    try {
      Files.createDirectories(scratchRoot);
      directory =
          Files.createDirectory(
              scratchRoot.resolve(UUID.randomUUID().toString()),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the query scratch space in " + scratchRoot, e);
    }
    List<Path> files = new ArrayList<>();
    Set<Integer> fields = new HashSet<>();
    long bytes = 0;
    PlaintextSnapshot made = new PlaintextSnapshot(directory, files, fields, 0);
    if (snapshot == null) {
      return made;
    }
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).includeColumnStats().planFiles()) {
      int n = 0;
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException(
              "version " + snapshot.snapshotId() + " has delete files, which SQL cannot apply");
        }
        DataFile file = task.file();
        Path target = directory.resolve((n++) + ".parquet");
        try (InputStream in = table.io().newInputFile(file.location()).newStream();
            OutputStream out = Files.newOutputStream(target)) {
          bytes += in.transferTo(out);
        }
        files.add(target);
        if (file.valueCounts() != null) {
          fields.addAll(file.valueCounts().keySet());
        }
      }
    } catch (IOException | RuntimeException e) {
      made.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot decrypt the data files of a version", io);
      }
      throw (RuntimeException) e;
    }
    return new PlaintextSnapshot(directory, List.copyOf(files), Set.copyOf(fields), bytes);
  }

  public List<Path> files() {
    return files;
  }

  /** Plaintext bytes handed to the query. */
  public long bytes() {
    return bytes;
  }

  /** Whether any file of the version holds the field (columns added later may be in none). */
  public boolean holds(Types.NestedField field) {
    return fieldsPresent.contains(field.fieldId());
  }

  @Override
  public void close() {
    TenantStorage.deleteTree(directory);
  }
}
