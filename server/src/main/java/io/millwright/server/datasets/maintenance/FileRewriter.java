package io.millwright.server.datasets.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Copies the rows of existing data files into new ones, keeping those a test accepts, in the same
 * partitions: the one mechanism behind erasure (keep what does not match) and compaction (keep
 * everything, in fewer files). Copy-on-write leaves no delete files, so every reader, DuckDB
 * included, sees the result without knowing how it came about.
 */
final class FileRewriter implements AutoCloseable {

  static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

  private final Table table;
  private final Schema schema;
  private final Schema readSchema;
  private final FanoutDataWriter<Record> writer;
  private long kept;
  private long dropped;

  FileRewriter(Table table, String operationId) {
    this(table, operationId, table.schema());
  }

  /**
   * @param readSchema the schema the old files are read with, when it differs from the table's (a
   *     widening reads the old column under its old field id)
   */
  FileRewriter(Table table, String operationId, Schema readSchema) {
    this.table = table;
    this.schema = table.schema();
    this.readSchema = readSchema;
    this.writer =
        new FanoutDataWriter<>(
            new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(schema)
                .build(),
            OutputFileFactory.builderFor(table, 1, System.nanoTime())
                .format(FileFormat.PARQUET)
                .operationId(operationId)
                .build(),
            table.io(),
            TARGET_FILE_BYTES);
  }

  /** How many of the file's rows the test accepts (a read, no write). */
  long count(DataFile file, Predicate<Record> test) {
    long n = 0;
    try (CloseableIterable<Record> rows = read(file)) {
      for (Record row : rows) {
        if (test.test(row)) {
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.location(), e);
    }
    return n;
  }

  /** Copies the file's rows that {@code keep} accepts; returns how many were dropped. */
  long copy(DataFile file, Predicate<Record> keep) {
    long before = dropped;
    try (CloseableIterable<Record> rows = read(file)) {
      for (Record row : rows) {
        if (keep.test(row)) {
          writer.write(row, table.specs().get(file.specId()), file.partition());
          kept++;
        } else {
          dropped++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.location(), e);
    }
    return dropped - before;
  }

  /** Copies every row of the file, changed by {@code map} into a row of the table's schema. */
  void copyMapped(DataFile file, java.util.function.UnaryOperator<Record> map) {
    try (CloseableIterable<Record> rows = read(file)) {
      for (Record row : rows) {
        writer.write(map.apply(row), table.specs().get(file.specId()), file.partition());
        kept++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.location(), e);
    }
  }

  private CloseableIterable<Record> read(DataFile file) {
    return Parquet.read(table.io().newInputFile(file.location()))
        .project(readSchema)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(readSchema, fileSchema))
        .build();
  }

  long kept() {
    return kept;
  }

  long dropped() {
    return dropped;
  }

  /** Closes the writer; the files written, to commit. */
  List<DataFile> finish() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.result().dataFiles();
  }

  /** Deletes what was written, for a rewrite that will not be committed. */
  void abandon() {
    for (DataFile f : finish()) {
      table.io().deleteFile(f.location());
    }
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
