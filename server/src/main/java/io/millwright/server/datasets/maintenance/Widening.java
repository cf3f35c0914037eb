package io.millwright.server.datasets.maintenance;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.DatasetVersion;
import io.millwright.server.datasets.catalog.IcebergSchemas;
import io.millwright.server.glossary.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Widens columns inside an upload's Iceberg transaction, where every value the column held has an
 * exact meaning in the wider type: whole numbers become decimals, dates become timestamps (the
 * day's start, UTC). Iceberg promotes neither in place, so the column is replaced: the old one
 * renamed aside, a column of the same name and the wider type added in its position, every current
 * data file rewritten with the values converted (copy-on-write, like compaction), and the old
 * column dropped. All of it commits with the upload or not at all; earlier versions keep their
 * files and their schema, so time travel still reads them as they were.
 */
public final class Widening {

  static final String ASIDE = "__widened";

  private Widening() {}

  /** The type a column of this type may widen to, if any. */
  public static Optional<DataType> wider(DataType type) {
    return switch (type) {
      case INTEGER -> Optional.of(DataType.DECIMAL);
      case DATE -> Optional.of(DataType.TIMESTAMP);
      default -> Optional.empty();
    };
  }

  /**
   * @param base the table the transaction started from (a transaction's table cannot be scanned;
   *     its files are the base's current ones)
   * @param columns the columns to widen, as they are now (neither key nor partition source), each
   *     to {@link #wider} its type
   */
  public static void apply(Table base, Transaction txn, List<Column> columns, String operationId) {
    if (columns.isEmpty()) {
      return;
    }
    Map<String, DataType> from = new LinkedHashMap<>();
    columns.forEach(c -> from.put(c.name(), c.type()));
    Table table = txn.table();
    UpdateSchema aside = txn.updateSchema();
    from.keySet().forEach(c -> aside.renameColumn(c, c + ASIDE));
    aside.commit();
    UpdateSchema add = txn.updateSchema();
    for (Map.Entry<String, DataType> c : from.entrySet()) {
      String doc = table.schema().findField(c.getKey() + ASIDE).doc();
      DataType to = wider(c.getValue()).orElseThrow();
      add.addColumn(c.getKey(), IcebergSchemas.typeOf(to), doc)
          .moveAfter(c.getKey(), c.getKey() + ASIDE);
    }
    add.commit();
    Schema both = table.schema();
    UpdateSchema drop = txn.updateSchema();
    from.keySet().forEach(c -> drop.deleteColumn(c + ASIDE));
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
        rewriter.copyMapped(f, row -> convert(row, widened, from));
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
    rewrite.set("millwright.widened", String.join(",", from.keySet()));
    rewrite.commit();
  }

  private static Record convert(Record row, Schema widened, Map<String, DataType> from) {
    GenericRecord out = GenericRecord.create(widened);
    for (Types.NestedField f : widened.columns()) {
      DataType old = from.get(f.name());
      out.setField(
          f.name(),
          old == null ? row.getField(f.name()) : widen(row.getField(f.name() + ASIDE), old));
    }
    return out;
  }

  /** One value in the wider type: the same number, or the day's first instant in UTC. */
  static Object widen(Object value, DataType from) {
    if (value == null) {
      return null;
    }
    return switch (from) {
      case INTEGER -> ((Number) value).doubleValue();
      case DATE -> ((LocalDate) value).atStartOfDay().atOffset(ZoneOffset.UTC);
      default -> throw new IllegalArgumentException(from + " does not widen");
    };
  }
}
