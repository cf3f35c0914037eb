package io.millwright.server.datasets.pipeline;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.server.datasets.ColumnSpec;
import io.millwright.server.datasets.DatasetContract;
import io.millwright.server.datasets.DatasetSpec;
import io.millwright.server.datasets.catalog.IcebergSchemas;
import io.millwright.server.datasets.catalog.LocalTables;
import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.RowSources;
import io.millwright.server.datasets.ingest.SourceFormat;
import io.millwright.server.datasets.ingest.SourceOptions;
import io.millwright.server.datasets.ingest.SourceRow;
import io.millwright.server.datasets.ingest.ValueParser;
import io.millwright.server.glossary.DataType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an upload's time goes, stage by stage, in one process (no HTTP, no database): reading CSV
 * rows, standardizing their cells, and the whole pipeline into an encrypted Iceberg table. Prints
 * figures; run with -Dbenchmarks=true.
 */
class PipelineStagesBenchmarkTest {

  static final int ROWS = 1_000_000;
  static final String[] SITES = {"north", "south", "east", "west"};

  @TempDir Path dir;

  static byte[] csv() {
    StringBuilder b = new StringBuilder(ROWS * 64);
    b.append("site,sensor_id,read_at,temperature,humidity,status\n");
    long start = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < ROWS; i++) {
      b.append(SITES[i % 4])
          .append(",S-")
          .append(i % 500)
          .append(',')
          .append(Instant.ofEpochSecond(start + (i / 500) * 60L))
          .append(',')
          .append(15 + (i % 200) / 10.0)
          .append(',')
          .append(40 + (i % 37))
          .append(",ok\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static RowSource open(byte[] csv) throws Exception {
    return RowSources.open(
        SourceFormat.CSV, new ByteArrayInputStream(csv), new SourceOptions(null, null, 0));
  }

  static void report(String stage, long nanos) {
    System.out.printf(
        Locale.ROOT,
        "BENCHMARK pipeline stage %-40s %,10.0f rows/s%n",
        stage,
        ROWS / (nanos / 1e9));
  }

  @Test
  void stages() throws Exception {
    assumeTrue(Boolean.getBoolean("benchmarks"), "run with -Dbenchmarks=true");
    byte[] csv = csv();
    DataType[] types = {
      DataType.STRING,
      DataType.STRING,
      DataType.TIMESTAMP,
      DataType.DECIMAL,
      DataType.DECIMAL,
      DataType.STRING
    };
    ParseOptions options = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));
    for (int round = 0; round < 2; round++) {
      // The end-to-end benchmark's baseline, here in the same process: the writing half alone.
      System.out.printf(
          Locale.ROOT,
          "BENCHMARK pipeline stage %-40s %,10.0f rows/s%n",
          "raw Iceberg writer (typed rows)",
          io.millwright.server.it.DatasetBenchmarkIT.rawRowsPerSecond(dir.resolve("raw" + round)));
      long t0 = System.nanoTime();
      try (RowSource source = open(csv)) {
        while (source.next() != null) {}
      }
      report("read CSV rows", System.nanoTime() - t0);

      ValueParser parser = new ValueParser(options);
      t0 = System.nanoTime();
      try (RowSource source = open(csv)) {
        SourceRow row;
        while ((row = source.next()) != null) {
          for (int i = 0; i < types.length; i++) {
            parser.parse(row.cells().get(i), types[i], i == 3 ? "degC" : null);
          }
        }
      }
      report("read + standardize", System.nanoTime() - t0);

      DatasetContract contract =
          DatasetContract.validate(
              new DatasetSpec(
                  "sensors",
                  null,
                  List.of(
                      ColumnSpec.of("site", "string"),
                      ColumnSpec.of("sensor_id", "string"),
                      ColumnSpec.of("read_at", "timestamp"),
                      new ColumnSpec(
                          "temperature",
                          "decimal",
                          "degC",
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null,
                          null),
                      ColumnSpec.of("humidity", "decimal"),
                      ColumnSpec.of("status", "string")),
                  List.of("sensor_id", "read_at"),
                  List.of("day(read_at)"),
                  null,
                  null,
                  null),
              Map.of());
      Schema schema = IcebergSchemas.schemaOf(contract.columns());
      java.util.concurrent.ExecutorService readers =
          java.util.concurrent.Executors.newSingleThreadExecutor();
      for (boolean parallel : new boolean[] {false, true}) {
        Table target =
            LocalTables.create(
                dir.resolve("r" + round + parallel),
                new byte[32],
                "sensors",
                schema,
                IcebergSchemas.partitionSpecOf(schema, contract));
        t0 = System.nanoTime();
        try (RowSource source = open(csv)) {
          List<SourceRow> sample = List.of(source.next());
          UploadPlan plan = UploadPlan.of(contract, source.columns(), sample, options);
          new WritePipeline(
                  target,
                  plan,
                  Map.of(),
                  options,
                  new io.millwright.server.datasets.pipeline.KeySet(),
                  100,
                  "bench",
                  parallel ? readers : null)
              .run(source, sample, (b, r) -> {});
        }
        report(
            "whole pipeline, " + (parallel ? "reader thread + writer" : "one thread"),
            System.nanoTime() - t0);
      }
      readers.shutdown();
    }
  }
}
