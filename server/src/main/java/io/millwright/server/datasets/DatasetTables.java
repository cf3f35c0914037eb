package io.millwright.server.datasets;

import io.millwright.server.datasets.catalog.DatasetTableOperations;
import io.millwright.server.datasets.catalog.IcebergSchemas;
import io.millwright.server.datasets.catalog.TenantFileIO;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.tenants.TenantStorage;
import io.millwright.tenancy.DataKeyCipher;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;

/**
 * Opens a dataset's Iceberg table: files in the tenant's warehouse under the tenant's data key,
 * catalog pointer in the dataset's row. Must be called inside a transaction (the pointer is read
 * through it).
 */
@ApplicationScoped
public class DatasetTables {

  /** Table properties every dataset gets. */
  static final Map<String, String> PROPERTIES =
      Map.of(
          TableProperties.FORMAT_VERSION, "2",
          TableProperties.PARQUET_COMPRESSION, "zstd",
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20");

  @Inject DatasetStore store;
  @Inject TenantStorage storage;
  @Inject PlatformSettings settings;

  private DataKeyCipher cipher;

  @PostConstruct
  void init() {
    cipher = new DataKeyCipher(settings.masterKey());
  }

  public Path warehouseOf(TenantId tenant) {
    return storage.areaOf(tenant).resolve("warehouse");
  }

  /** The tenant's data key in the clear; callers keep it only for the request. */
  public byte[] dataKey(TenantId tenant) {
    return cipher.unwrap(tenant, store.wrappedDataKey(tenant)).getEncoded();
  }

  public Table open(Dataset dataset) {
    return new BaseTable(
        operations(dataset.tenant(), dataset.id(), dataset.name()), tableName(dataset));
  }

  /** Creates the dataset's empty table: the first metadata file and the catalog pointer. */
  public Table create(Dataset dataset) {
    DatasetTableOperations ops = operations(dataset.tenant(), dataset.id(), dataset.name());
    Schema schema = IcebergSchemas.schemaOf(dataset.contract().columns());
    PartitionSpec spec = IcebergSchemas.partitionSpecOf(schema, dataset.contract());
    String location = warehouseOf(dataset.tenant()).resolve(dataset.id().toString()).toString();
    ops.commit(
        null,
        TableMetadata.newTableMetadata(schema, spec, SortOrder.unsorted(), location, PROPERTIES));
    return new BaseTable(ops, tableName(dataset));
  }

  private DatasetTableOperations operations(TenantId tenant, UUID dataset, String name) {
    TenantFileIO io = new TenantFileIO(warehouseOf(tenant), dataKey(tenant));
    return new DatasetTableOperations(tenant + "." + name, io, store.pointer(tenant, dataset));
  }

  private static String tableName(Dataset dataset) {
    return dataset.tenant() + "." + dataset.name();
  }
}
