package io.millwright.server.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.server.datasets.DatasetContract;
import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.RowSources;
import io.millwright.server.datasets.ingest.SourceFormat;
import io.millwright.server.datasets.ingest.SourceOptions;
import io.millwright.server.datasets.ingest.SourceRow;
import io.millwright.server.datasets.pipeline.UploadPlan;
import io.millwright.server.datasets.pipeline.WriteOutcome;
import io.millwright.server.datasets.pipeline.WritePipeline;
import io.millwright.server.datasets.pipeline.WritePipelineTest;
import io.millwright.server.datasets.query.PlaintextSnapshot;
import io.millwright.server.datasets.query.QueryTable;
import io.millwright.server.datasets.query.SqlSandbox;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object-storage path of datasets against a real S3 API server running here (s3proxy, in
 * process): a messy upload written, read back, queried with SQL, encrypted at rest, and kept inside
 * its tenant's prefix.
 */
class ObjectStoreTest {

  static S3Proxy proxy;
  static S3Client s3;
  static ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  @TempDir Path scratch;

  @BeforeAll
  static void startS3() throws Exception {
    Properties props = new Properties();
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(props)
            .build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(context.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret-key")
            .build();
    proxy.start();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> proxy.getState().equals("STARTED"));
    // The production client settings, against the in-process server.
    s3 =
        ObjectStores.client(
            java.util.Optional.of("http://127.0.0.1:" + proxy.getPort()),
            "us-east-1",
            "access",
            "secret-key");
    s3.createBucket(b -> b.bucket("warehouse"));
  }

  @AfterAll
  static void stopS3() throws Exception {
    timer.shutdownNow();
    s3.close();
    proxy.stop();
  }

  static byte[] key() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static Table table(ObjectStoreFileIO io, String name, DatasetContract contract) {
    Schema schema = IcebergSchemas.schemaOf(contract.columns());
    DatasetTableOperations ops =
        new DatasetTableOperations(name, io, new LocalTables.MemoryPointer());
    ops.commit(
        null,
        TableMetadata.newTableMetadata(
            schema,
            IcebergSchemas.partitionSpecOf(schema, contract),
            SortOrder.unsorted(),
            io.root() + "/" + name,
            Map.of("format-version", "2", "write.parquet.compression-codec", "zstd")));
    return new BaseTable(ops, name);
  }

  @Test
  void aMessyUploadLivesEncryptedInTheBucketAndReadsBackThroughIcebergAndSql() throws Exception {
    ObjectStoreFileIO io = new ObjectStoreFileIO(s3, "s3://warehouse/tenants/a/warehouse", key());
    DatasetContract contract = WritePipelineTest.contract();
    Table table = table(io, "readings", contract);

    WriteOutcome outcome;
    try (RowSource source =
        RowSources.open(
            SourceFormat.CSV,
            new ByteArrayInputStream(WritePipelineTest.MESSY.getBytes(StandardCharsets.UTF_8)),
            new SourceOptions(null, null, 0))) {
      List<SourceRow> sample = new ArrayList<>();
      SourceRow row;
      while ((row = source.next()) != null) {
        sample.add(row);
      }
      UploadPlan plan =
          UploadPlan.of(contract, source.columns(), sample, WritePipelineTest.OPTIONS);
      outcome =
          new WritePipeline(
                  table,
                  plan,
                  Map.of("sensor_status", WritePipelineTest.STATUS),
                  WritePipelineTest.OPTIONS,
                  new io.millwright.server.datasets.pipeline.KeySet(),
                  100,
                  "s3-upload",
                  null)
              .run(source, sample, (b, r) -> {});
    }
    AppendFiles append = table.newAppend();
    outcome.files().forEach(append::appendFile);
    append.commit();
    assertThat(outcome.rowsWritten()).isEqualTo(4);
    assertThat(outcome.rowsQuarantined()).isEqualTo(5);

    List<String> keys = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket("warehouse").prefix("tenants/a/"))
        .contents()
        .forEach(o -> keys.add(o.key()));
    assertThat(keys)
        .anyMatch(k -> k.endsWith(".parquet"))
        .anyMatch(k -> k.endsWith(".metadata.json"));
    for (String k : keys) {
      byte[] bytes =
          s3.getObject(b -> b.bucket("warehouse").key(k), ResponseTransformer.toBytes())
              .asByteArray();
      assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
          .as(k)
          .doesNotContain("north", "south", "format-version") // >= 5 bytes: no chance hits
          .doesNotStartWith("PAR1");
    }

    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      assertThat(rows).hasSize(4);
    }
    try (PlaintextSnapshot files =
            PlaintextSnapshot.decrypt(table, table.currentSnapshot(), scratch);
        SqlSandbox sql =
            new SqlSandbox(
                List.of(
                    new QueryTable(
                        "readings",
                        table.currentSnapshot().snapshotId(),
                        table.schema(),
                        files,
                        Set.of())),
                "256MB",
                1)) {
      assertThat(
              sql.query(
                      "select sensor_id, count(*) from readings group by 1 order by 1",
                      10,
                      Duration.ofSeconds(30),
                      timer)
                  .rows()
                  .toString())
          .isEqualTo("[[S-1, 2], [S-2, 1], [S-6, 1]]");
    }
  }

  @Test
  void aTenantsFileIoCannotReachAnotherTenantsPrefix() {
    ObjectStoreFileIO a = new ObjectStoreFileIO(s3, "s3://warehouse/tenants/a/warehouse", key());
    for (String location :
        List.of(
            "s3://warehouse/tenants/b/warehouse/t/metadata/v1.metadata.json",
            "s3://warehouse/tenants/a/warehouse/../../b/warehouse/x",
            "s3://other-bucket/tenants/a/warehouse/x",
            "s3://warehouse/tenants/a/warehouse-evil/x",
            "/etc/passwd")) {
      assertThatThrownBy(() -> a.newInputFile(location))
          .as(location)
          .isInstanceOf(SecurityException.class);
    }
  }

  @Test
  void aPurgedTenantsObjectsAreDeletedAndNoOtherTenantsAre() {
    for (String key :
        List.of(
            "tenants/gone/warehouse/t/data/a.parquet",
            "tenants/gone/warehouse/t/metadata/v1.metadata.json",
            "tenants/gone/models/r/artifact.zip",
            "tenants/gone-too/warehouse/x",
            "tenants/kept/warehouse/t/data/a.parquet")) {
      s3.putObject(
          b -> b.bucket("warehouse").key(key),
          software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    }
    assertThat(ObjectStoreFileIO.deleteAllUnder(s3, "warehouse", "tenants/gone/")).isEqualTo(3);
    assertThat(
            s3.listObjectsV2(b -> b.bucket("warehouse").prefix("tenants/")).contents().stream()
                .map(o -> o.key())
                .filter(k -> k.startsWith("tenants/gone") || k.startsWith("tenants/kept")))
        .containsExactlyInAnyOrder(
            "tenants/gone-too/warehouse/x", "tenants/kept/warehouse/t/data/a.parquet");
    assertThat(ObjectStoreFileIO.deleteAllUnder(s3, "warehouse", "tenants/gone/"))
        .as("a purge tried again finds nothing")
        .isZero();
    assertThatThrownBy(() -> ObjectStoreFileIO.deleteAllUnder(s3, "warehouse", "tenants/gone"))
        .as("a prefix without its slash would take tenants/gone-too with it")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
