package io.millwright.server.datasets.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Erases the rows matching a predicate from a dataset's current version: each data file holding a
 * match is rewritten without it (files whose statistics rule a match out are not even opened), and
 * one overwrite commit swaps them. The caller commits inside its transaction and decides whether
 * older versions, which still hold the rows, are expired too.
 */
public final class RowErasure {

  /** The staged change: the overwrite to commit, and how many rows it removes. */
  public record Staged(OverwriteFiles overwrite, long rowsErased, int filesRewritten) {}

  private RowErasure() {}

  public static Staged stage(Table table, Expression predicate, String operationId) {
    List<DataFile> removed = new ArrayList<>();
    InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
    Evaluator matches = new Evaluator(table.schema().asStruct(), predicate, true);
    FileRewriter rewriter = new FileRewriter(table, operationId);
    boolean done = false;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(predicate).planFiles()) {
      for (FileScanTask task : tasks) {
        // Statistics only say a file may match: count first, rewrite only files that do.
        if (rewriter.count(task.file(), row -> matches.eval(wrapper.wrap(row))) > 0) {
          rewriter.copy(task.file(), row -> !matches.eval(wrapper.wrap(row)));
          removed.add(task.file());
        }
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!done) {
        rewriter.abandon();
      }
    }
    List<DataFile> written = rewriter.finish();
    if (removed.isEmpty()) {
      return new Staged(null, 0, 0);
    }
    OverwriteFiles overwrite = table.newOverwrite();
    removed.forEach(overwrite::deleteFile);
    written.forEach(overwrite::addFile);
    return new Staged(overwrite, rewriter.dropped(), removed.size());
  }
}
