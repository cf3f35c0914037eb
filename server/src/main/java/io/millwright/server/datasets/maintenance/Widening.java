package io.millwright.server.datasets.maintenance;

import io.millwright.server.datasets.DatasetVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Widens whole-number columns to decimals inside an upload's Iceberg transaction. Iceberg cannot
 * promote {@code long} to {@code double} in place, so the column is replaced: the old one renamed
 * aside, a decimal column of the same name added in its position, every current data file rewritten
 * with the values converted (copy-on-write, like compaction), and the old column dropped. All of it
 * commits with the upload or not at all; earlier versions keep their files and their schema, so
 * time travel still reads them as they were.
 */
public final class Widening {

  static final String ASIDE = "__widened_from_integer";

  private Widening() {}

  /**
   * @param base the table the transaction started from (a transaction's table cannot be scanned;
   *     its files are the base's current ones)
   * @param columns the whole-number columns to make decimal (neither key nor partition source)
   */
  public static void apply(Table base, Transaction txn, List<String> columns, String operationId) {
    if (columns.isEmpty()) {
      return;
    }
    Table table = txn.table();
    UpdateSchema aside = txn.updateSchema();
    columns.forEach(c -> aside.renameColumn(c, c + ASIDE));
    aside.commit();
    UpdateSchema add = txn.updateSchema();
    for (String c : columns) {
      String doc = table.schema().findField(c + ASIDE).doc();
      add.addColumn(c, Types.DoubleType.get(), doc).moveAfter(c, c + ASIDE);
    }
    add.commit();
    Schema both = table.schema();
    UpdateSchema drop = txn.updateSchema();
    columns.forEach(c -> drop.deleteColumn(c + ASIDE));
    drop.commit();
    Schema widened = table.schema();

    List<DataFile> current = new ArrayList<>();
    if (base.currentSnapshot() != null) {
      try (CloseableIterable<FileScanTask> tasks = base.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          current.add(task.file().copy());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (current.isEmpty()) {
      return;
    }
    FileRewriter rewriter = new FileRewriter(table, operationId, both);
    boolean done = false;
    try {
      for (DataFile f : current) {
        rewriter.copyMapped(f, row -> convert(row, widened, columns));
      }
      done = true;
    } finally {
      if (!done) {
        rewriter.abandon();
      }
    }
    List<DataFile> written = rewriter.finish();
    RewriteFiles rewrite = txn.newRewrite();
    current.forEach(rewrite::deleteFile);
    written.forEach(rewrite::addFile);
    rewrite.set(DatasetVersion.SOURCE, "schema widening");
    rewrite.set("millwright.widened", String.join(",", columns));
    rewrite.commit();
  }

  private static Record convert(Record row, Schema widened, List<String> columns) {
    GenericRecord out = GenericRecord.create(widened);
    for (Types.NestedField f : widened.columns()) {
      if (columns.contains(f.name())) {
        Object whole = row.getField(f.name() + ASIDE);
        out.setField(f.name(), whole == null ? null : ((Number) whole).doubleValue());
      } else {
        out.setField(f.name(), row.getField(f.name()));
      }
    }
    return out;
  }
}
