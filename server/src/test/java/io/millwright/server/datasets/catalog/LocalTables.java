package io.millwright.server.datasets.catalog;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;

/**
 * Real Iceberg tables in a temporary warehouse for tests, with the production FileIO and table
 * operations; only the catalog pointer lives in memory instead of PostgreSQL.
 */
public final class LocalTables {

  private LocalTables() {}

  /** A pointer with the same compare-and-set contract as the dataset row. */
  public static final class MemoryPointer implements MetadataPointer {
    private final AtomicReference<String> location = new AtomicReference<>();

    @Override
    public String current() {
      return location.get();
    }

    @Override
    public boolean compareAndSet(String expected, String next) {
      return location.compareAndSet(expected, next);
    }
  }

  public static Table create(
      Path warehouse, byte[] key, String name, Schema schema, PartitionSpec spec) {
    TenantFileIO io = new TenantFileIO(warehouse, key);
    DatasetTableOperations ops = new DatasetTableOperations(name, io, new MemoryPointer());
    ops.commit(
        null,
        TableMetadata.newTableMetadata(
            schema,
            spec,
            SortOrder.unsorted(),
            warehouse.resolve(name).toString(),
            Map.of("format-version", "2", "write.parquet.compression-codec", "zstd")));
    return new BaseTable(ops, name);
  }
}
