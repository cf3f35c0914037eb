package io.millwright.server.datasets.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Merges a dataset's small files: frequent small writes (a connector flushing every minute) leave
 * many small Parquet files, and every scan pays per file. Files below a quarter of the target size
 * are rewritten together, partition by partition, wherever a partition has at least two.
 */
public final class Compaction {

  /** The staged rewrite (null when nothing is worth merging) and its effect. */
  public record Staged(RewriteFiles rewrite, int filesBefore, int filesAfter, long rows) {}

  private Compaction() {}

  /** How many of the current version's files are small enough to merge. */
  public static int smallFiles(Table table) {
    if (table.currentSnapshot() == null) {
      return 0;
    }
    long small = FileRewriter.TARGET_FILE_BYTES / 4;
    int count = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.file().fileSizeInBytes() < small && task.deletes().isEmpty()) {
          count++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  public static Staged stage(Table table, String operationId) {
    if (table.currentSnapshot() == null) {
      return new Staged(null, 0, 0, 0);
    }
    long small = FileRewriter.TARGET_FILE_BYTES / 4;
    Map<String, List<DataFile>> byPartition = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile f = task.file();
        if (f.fileSizeInBytes() < small && task.deletes().isEmpty()) {
          byPartition
              .computeIfAbsent(f.specId() + "/" + f.partition(), k -> new ArrayList<>())
              .add(f.copy());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DataFile> merged = new ArrayList<>();
    FileRewriter rewriter = new FileRewriter(table, operationId);
    boolean done = false;
    try {
      for (List<DataFile> group : byPartition.values()) {
        if (group.size() >= 2) {
          for (DataFile f : group) {
            rewriter.copy(f, row -> true);
            merged.add(f);
          }
        }
      }
      done = true;
    } finally {
      if (!done) {
        rewriter.abandon();
      }
    }
    List<DataFile> written = rewriter.finish();
    if (merged.isEmpty()) {
      return new Staged(null, 0, 0, 0);
    }
    RewriteFiles rewrite = table.newRewrite();
    merged.forEach(rewrite::deleteFile);
    written.forEach(rewrite::addFile);
    return new Staged(rewrite, merged.size(), written.size(), rewriter.kept());
  }
}
