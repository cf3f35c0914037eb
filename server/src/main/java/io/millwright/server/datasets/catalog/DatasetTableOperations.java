package io.millwright.server.datasets.catalog;

import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;

/**
 * Iceberg table operations whose catalog is a row of the platform's PostgreSQL: the table's
 * metadata files live in the tenant's encrypted warehouse; the pointer to the current one is the
 * dataset's {@code metadata_location}, read and swapped in the caller's tenant-scoped transaction
 * (so row-level security applies to the catalog too, and a commit lands together with whatever else
 * that transaction records).
 */
public final class DatasetTableOperations extends BaseMetastoreTableOperations {

  private final String tableName;
  private final FileIO io;
  private final MetadataPointer pointer;

  public DatasetTableOperations(String tableName, FileIO io, MetadataPointer pointer) {
    this.tableName = tableName;
    this.io = io;
    this.pointer = pointer;
  }

  @Override
  protected String tableName() {
    return tableName;
  }

  @Override
  public FileIO io() {
    return io;
  }

  @Override
  protected void doRefresh() {
    String location = pointer.current();
    if (location == null) {
      if (currentMetadataLocation() != null) {
        throw new NoSuchTableException("Dataset %s was dropped by another request", tableName);
      }
      disableRefresh();
      return;
    }
    refreshFromMetadataLocation(location);
  }

  @Override
  protected void doCommit(TableMetadata base, TableMetadata metadata) {
    String next = writeNewMetadataIfRequired(base == null, metadata);
    // base is current() here (the superclass refuses stale bases), so this is its pointer value.
    String expected = base == null ? null : currentMetadataLocation();
    if (!pointer.compareAndSet(expected, next)) {
      // Iceberg refreshes and retries the operation on this exception; the orphaned metadata
      // file is harmless (never referenced).
      throw new CommitFailedException(
          "Dataset %s changed while this commit was prepared; retrying on the new version",
          tableName);
    }
    requestRefresh();
  }
}
