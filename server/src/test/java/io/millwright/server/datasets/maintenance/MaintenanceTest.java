package io.millwright.server.datasets.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.catalog.LocalTables;
import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.glossary.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasure and compaction on a real table: exact rows afterwards, files replaced, not added. */
class MaintenanceTest {

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "customer", Types.StringType.get()),
          Types.NestedField.optional(2, "amount", Types.LongType.get()));
  static final List<Column> COLUMNS =
      List.of(
          new Column(
              "customer",
              DataType.STRING,
              null,
              null,
              null,
              true,
              false,
              null,
              null,
              null,
              List.of()),
          new Column(
              "amount",
              DataType.INTEGER,
              null,
              null,
              null,
              false,
              false,
              null,
              null,
              null,
              List.of()));
  static final ParseOptions OPTIONS = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));

  @TempDir Path dir;

  Table table() {
    return LocalTables.create(dir, new byte[32], "orders", SCHEMA, PartitionSpec.unpartitioned());
  }

  /** One small append, as a frequent connector flush would make. */
  static void append(Table t, String customer, int rows) throws IOException {
    FanoutDataWriter<Record> writer =
        new FanoutDataWriter<>(
            new GenericFileWriterFactory.Builder(t)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(SCHEMA)
                .build(),
            OutputFileFactory.builderFor(t, 1, System.nanoTime())
                .format(FileFormat.PARQUET)
                .build(),
            t.io(),
            1 << 27);
    for (int i = 0; i < rows; i++) {
      GenericRecord r = GenericRecord.create(SCHEMA);
      r.set(0, customer);
      r.set(1, (long) i);
      writer.write(r, t.spec(), null);
    }
    writer.close();
    AppendFiles append = t.newAppend();
    for (DataFile f : writer.result().dataFiles()) {
      append.appendFile(f);
    }
    append.commit();
  }

  static List<String> customers(Table t) throws IOException {
    List<String> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(t).build()) {
      rows.forEach(r -> out.add((String) r.getField("customer")));
    }
    return out;
  }

  static int files(Table t) {
    return Integer.parseInt(t.currentSnapshot().summary().get("total-data-files"));
  }

  @Test
  void erasureRemovesExactlyTheMatchingRowsAndRewritesOnlyTheirFiles() throws IOException {
    Table t = table();
    append(t, "acme", 5);
    append(t, "globex", 3);
    append(t, "acme", 2);
    RowErasure.Staged staged =
        RowErasure.stage(
            t,
            RowPredicate.toExpression(
                Map.of("column", "customer", "op", "=", "value", "acme"), COLUMNS, OPTIONS),
            "erase");
    assertThat(staged.rowsErased()).isEqualTo(7);
    assertThat(staged.filesRewritten()).isEqualTo(2);
    staged.overwrite().commit();

    assertThat(customers(t)).containsOnly("globex").hasSize(3);
    // The version before still has them (time travel) until history is expired.
    long before = t.currentSnapshot().parentId();
    try (CloseableIterable<Record> old = IcebergGenerics.read(t).useSnapshot(before).build()) {
      assertThat(old).hasSize(10);
    }
  }

  @Test
  void aPredicateThatMatchesNothingChangesNothing() throws IOException {
    Table t = table();
    append(t, "acme", 5);
    RowErasure.Staged staged =
        RowErasure.stage(
            t,
            RowPredicate.toExpression(
                Map.of(
                    "or",
                    List.of(
                        Map.of("column", "customer", "op", "=", "value", "nobody"),
                        Map.of("column", "amount", "op", ">", "value", "1,000"))),
                COLUMNS,
                OPTIONS),
            "erase");
    assertThat(staged.overwrite()).isNull();
    assertThat(staged.rowsErased()).isZero();
    assertThat(customers(t)).hasSize(5);
  }

  @Test
  void compactionMergesSmallFilesWithoutChangingTheRows() throws IOException {
    Table t = table();
    for (int i = 0; i < 6; i++) {
      append(t, "c" + i, 10);
    }
    assertThat(files(t)).isEqualTo(6);
    Compaction.Staged staged = Compaction.stage(t, "compact");
    assertThat(staged.filesBefore()).isEqualTo(6);
    assertThat(staged.filesAfter()).isEqualTo(1);
    staged.rewrite().commit();

    assertThat(files(t)).isEqualTo(1);
    assertThat(customers(t)).hasSize(60);
    assertThat(Compaction.stage(t, "again").rewrite()).isNull();
  }
}
