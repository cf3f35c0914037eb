package io.millwright.server.datasets;

import io.millwright.server.datasets.catalog.DatasetTableOperations;
import io.millwright.server.datasets.catalog.IcebergSchemas;
import io.millwright.server.datasets.catalog.ObjectStoreFileIO;
import io.millwright.server.datasets.catalog.ObjectStores;
import io.millwright.server.datasets.catalog.TenantFileIO;
import io.millwright.server.platform.config.MisconfigurationException;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.tenants.TenantStorage;
import io.millwright.tenancy.DataKeyCipher;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.FileIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Opens a dataset's Iceberg table: files in the tenant's warehouse under the tenant's data key,
 * catalog pointer in the dataset's row. Must be called inside a transaction (the pointer is read
 * through it).
 */
@ApplicationScoped
public class DatasetTables implements io.millwright.server.tenants.TenantDataEraser {

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

  /** {@code local} (default: the tenant's storage area) or {@code s3} (the settings below). */
  @Inject
  @ConfigProperty(name = "millwright.datasets.store", defaultValue = "local")
  String storeKind;

  @Inject
  @ConfigProperty(name = "millwright.datasets.s3.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "millwright.datasets.s3.bucket")
  Optional<String> bucket;

  @Inject
  @ConfigProperty(name = "millwright.datasets.s3.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "millwright.datasets.s3.access-key")
  Optional<String> accessKey;

  @Inject
  @ConfigProperty(name = "millwright.datasets.s3.secret-key")
  Optional<String> secretKey;

  private S3Client objects;

  @PostConstruct
  void init() {
    cipher = new DataKeyCipher(settings.masterKey());
    if ("s3".equals(storeKind)) {
      if (bucket.isEmpty() || accessKey.isEmpty() || secretKey.isEmpty()) {
        throw new MisconfigurationException(
            "millwright.datasets.s3.bucket",
            "millwright.datasets.store=s3 needs the bucket, access-key and secret-key (and endpoint"
                + " for a server other than AWS)");
      }
      objects = ObjectStores.client(endpoint, region, accessKey.get(), secretKey.get());
    } else if (!"local".equals(storeKind)) {
      throw new MisconfigurationException(
          "millwright.datasets.store", "local or s3, not " + storeKind);
    }
  }

  /**
   * Removes everything a purged tenant has in the bucket (its storage area, removed by the purge,
   * holds it otherwise). The objects were unreadable once the tenant's key was shredded; this stops
   * the bucket from keeping them.
   */
  @Override
  public long erase(TenantId tenant) {
    if (objects == null) {
      return 0;
    }
    return ObjectStoreFileIO.deleteAllUnder(
        objects, bucket.orElseThrow(), "tenants/" + tenant + "/");
  }

  /** The tenant's warehouse: a directory in its storage area, or a prefix in the bucket. */
  public String warehouseOf(TenantId tenant) {
    return objects == null
        ? storage.areaOf(tenant).resolve("warehouse").toString()
        : "s3://" + bucket.orElseThrow() + "/tenants/" + tenant + "/warehouse";
  }

  /**
   * The tenant's storage under its data key, for other encrypted files kept beside its datasets
   * (model artifacts).
   */
  public FileIO files(TenantId tenant) {
    return io(tenant, dataKey(tenant));
  }

  /** The FileIO of the tenant's warehouse, encrypting under the given key. */
  FileIO io(TenantId tenant, byte[] key) {
    return objects == null
        ? new TenantFileIO(Path.of(warehouseOf(tenant)), key)
        : new ObjectStoreFileIO(objects, warehouseOf(tenant), key);
  }

  /** Deletes files by location (deleting needs no key, only the warehouse bounds). */
  public void deleteFiles(TenantId tenant, List<String> locations) {
    FileIO io = io(tenant, new byte[32]);
    locations.forEach(io::deleteFile);
  }

  /** A file as the store lists it: its location (as Iceberg writes it) and when it was written. */
  public record StoredFile(String location, Instant modified) {}

  /** Every file under a dataset's table location, as its FileIO names them. */
  public List<StoredFile> listTableFiles(TenantId tenant, UUID dataset) {
    String location = warehouseOf(tenant) + "/" + dataset;
    List<StoredFile> out = new ArrayList<>();
    if (objects == null) {
      Path root = Path.of(location);
      if (!Files.isDirectory(root)) {
        return out;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          out.add(new StoredFile(p.toString(), Files.getLastModifiedTime(p).toInstant()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }
    String bucketName = bucket.orElseThrow();
    String prefix = "tenants/" + tenant + "/warehouse/" + dataset + "/";
    objects
        .listObjectsV2Paginator(b -> b.bucket(bucketName).prefix(prefix))
        .contents()
        .forEach(
            o -> out.add(new StoredFile("s3://" + bucketName + "/" + o.key(), o.lastModified())));
    return out;
  }

  /** Deletes everything of one dataset. */
  public void deleteDataset(TenantId tenant, UUID dataset) {
    String location = warehouseOf(tenant) + "/" + dataset;
    if (objects == null) {
      TenantStorage.deleteTree(Path.of(location));
    } else {
      new ObjectStoreFileIO(objects, warehouseOf(tenant), new byte[32]).deletePrefix(location);
    }
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
    String location = warehouseOf(dataset.tenant()) + "/" + dataset.id();
    ops.commit(
        null,
        TableMetadata.newTableMetadata(schema, spec, SortOrder.unsorted(), location, PROPERTIES));
    return new BaseTable(ops, tableName(dataset));
  }

  private DatasetTableOperations operations(TenantId tenant, UUID dataset, String name) {
    FileIO io = io(tenant, dataKey(tenant));
    return new DatasetTableOperations(tenant + "." + name, io, store.pointer(tenant, dataset));
  }

  private static String tableName(Dataset dataset) {
    return dataset.tenant() + "." + dataset.name();
  }
}
