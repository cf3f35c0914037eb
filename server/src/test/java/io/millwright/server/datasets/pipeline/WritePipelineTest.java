package io.millwright.server.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.millwright.server.glossary.DataType;
import io.millwright.server.glossary.GlossaryTerm;
import io.millwright.tenancy.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole write path on a messy file, into a real Iceberg table on disk (encrypted FileIO,
 * production table operations): exact counts, the standardized values, the quarantine's rules.
 */
public class WritePipelineTest {

  @TempDir Path warehouse;

  /** The production path reads on another thread than it writes. */
  static final java.util.concurrent.ExecutorService READERS =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "pipeline-reader");
            t.setDaemon(true);
            return t;
          });

  public static final GlossaryTerm STATUS =
      new GlossaryTerm(
          TenantId.random(),
          "sensor_status",
          "Health a sensor reports",
          DataType.STRING,
          null,
          List.of("ok", "warn", "fault"),
          Instant.now(),
          "test",
          Instant.now(),
          0);

  public static final String MESSY =
      "\uFEFFSite;Sensor ID;Read At;Service Date;Temperature;Energy;Status\n"
          + "\n"
          + "north;S-1;2024-03-01T10:00:00Z;2024-03-01;21.5;1,234;ok\n"
          + "north;S-1;2024-03-01 11:00;01/03/2024;70°F;2,000;ok\n"
          + "north;S-2;1709290800;1 Mar 2024;  19.25 ;12;warn\n"
          + "north;S-1;2024-03-01 10:00;2024-03-01;21.5;1234;ok\n"
          + "south;S-3;2024-03-01T10:00:00Z;2024-03-01;hot;5;ok\n"
          + "south;S-3;2024-03-01T11:00:00Z;2024-03-01;500;5;ok\n"
          + "south;S-4;2024-03-01T10:00:00Z;2024-03-01;20;5;broken\n"
          + "south;;2024-03-01T10:00:00Z;2024-03-01;20;5;ok\n"
          + "south;S-5;2024-03-01T12:00:00Z\n"
          + "\"south\";\"S-6\";2024-03-01T13:00:00+01:00;20240301;-3.5;0;fault\n"
          + "\n";

  public static DatasetContract contract() {
    return DatasetContract.validate(
        new DatasetSpec(
            "sensor_readings",
            "Readings",
            List.of(
                new ColumnSpec(
                    "site",
                    "string",
                    null,
                    null,
                    null,
                    null,
                    true,
                    null,
                    null,
                    null,
                    List.of("north", "south")),
                ColumnSpec.of("sensor_id", "string"),
                ColumnSpec.of("read_at", "timestamp"),
                ColumnSpec.of("service_date", "date"),
                new ColumnSpec(
                    "temperature",
                    "decimal",
                    "degC",
                    null,
                    null,
                    null,
                    null,
                    -50.0,
                    150.0,
                    null,
                    null),
                new ColumnSpec(
                    "energy", "integer", "Wh", null, null, null, null, null, null, null, null),
                new ColumnSpec(
                    "status",
                    null,
                    null,
                    null,
                    "sensor_status",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)),
            List.of("sensor_id", "read_at"),
            List.of("day(read_at)"),
            null,
            null,
            null),
        Map.of("sensor_status", STATUS));
  }

  public static final ParseOptions OPTIONS = new ParseOptions(DateOrder.DMY, '.', ZoneId.of("UTC"));

  private static Table table(Path warehouse, DatasetContract contract) {
    Schema schema = IcebergSchemas.schemaOf(contract.columns());
    return LocalTables.create(
        warehouse,
        new byte[32],
        "readings",
        schema,
        IcebergSchemas.partitionSpecOf(schema, contract));
  }

  record Run(WriteOutcome outcome, Table table) {}

  static KeySet keySet(Set<String> keys) {
    KeySet set = new KeySet(keys.size());
    keys.forEach(set::add);
    return set;
  }

  static Run write(Table table, DatasetContract contract, String csv, Set<String> existing)
      throws IOException {
    try (RowSource source =
        RowSources.open(
            SourceFormat.CSV,
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            new SourceOptions(null, null, 0))) {
      List<SourceRow> sample = new ArrayList<>();
      SourceRow row;
      while (sample.size() < 1000 && (row = source.next()) != null) {
        sample.add(row);
      }
      UploadPlan plan = UploadPlan.of(contract, source.columns(), sample, OPTIONS);
      WritePipeline pipeline =
          new WritePipeline(
              table,
              plan,
              Map.of("sensor_status", STATUS),
              OPTIONS,
              keySet(existing),
              100,
              "test-upload",
              READERS);
      WriteOutcome outcome = pipeline.run(source, sample, (bytes, rows) -> {});
      AppendFiles append = table.newAppend();
      outcome.files().forEach(append::appendFile);
      append.commit();
      return new Run(outcome, table);
    }
  }

  static List<Record> rows(Table table) throws IOException {
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(r -> rows.add(r.copy()));
    }
    rows.sort(
        (a, b) -> {
          int c = a.getField("sensor_id").toString().compareTo(b.getField("sensor_id").toString());
          return c != 0
              ? c
              : ((OffsetDateTime) a.getField("read_at"))
                  .compareTo((OffsetDateTime) b.getField("read_at"));
        });
    return rows;
  }

  @Test
  void aMessyFileIsStandardizedValidatedAndDeduplicatedWithExactCounts() throws IOException {
    DatasetContract contract = contract();
    Run run = write(table(warehouse, contract), contract, MESSY, Set.of());
    WriteOutcome o = run.outcome();

    assertThat(o.quarantined()).as(o.quarantined().toString()).hasSize(5);
    assertThat(o.rowsRead()).isEqualTo(10);
    assertThat(o.rowsWritten()).isEqualTo(4);
    assertThat(o.rowsDeduplicated()).isEqualTo(1);
    assertThat(o.rowsQuarantined()).isEqualTo(5);
    assertThat(o.rowsRead())
        .isEqualTo(o.rowsWritten() + o.rowsDeduplicated() + o.rowsQuarantined());
    assertThat(o.blankLines()).isEqualTo(2);
    assertThat(o.failuresByRule())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("type", 1L, "range", 1L, "contract", 1L, "key", 1L, "structure", 1L));

    Map<String, QuarantinedRow> byRule = new HashMap<>();
    o.quarantined().forEach(q -> byRule.put(q.rule(), q));
    assertThat(byRule.get("type").reason()).contains("temperature").contains("hot");
    assertThat(byRule.get("type").raw()).containsEntry("Temperature", "hot");
    // The line the row is on in the file (header and blank line included), as an editor shows it.
    assertThat(byRule.get("type").sourceRow()).isEqualTo(7);
    assertThat(byRule.get("range").reason()).contains("500").contains("150");
    assertThat(byRule.get("contract").reason()).contains("broken").contains("sensor_status");
    assertThat(byRule.get("key").reason()).contains("sensor_id");

    List<Record> rows = rows(run.table());
    assertThat(rows).hasSize(4);
    Record s1at11 = rows.get(1);
    assertThat(s1at11.getField("sensor_id")).isEqualTo("S-1");
    assertThat((double) s1at11.getField("temperature")).isCloseTo(21.111, within());
    assertThat(s1at11.getField("energy")).isEqualTo(2000L);
    assertThat(s1at11.getField("service_date")).isEqualTo(LocalDate.of(2024, 3, 1));
    Record s2 = rows.get(2);
    assertThat(((OffsetDateTime) s2.getField("read_at")).toInstant())
        .isEqualTo(Instant.parse("2024-03-01T11:00:00Z"));
    assertThat(s2.getField("service_date")).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(s2.getField("temperature")).isEqualTo(19.25);
    Record s6 = rows.get(3);
    assertThat(((OffsetDateTime) s6.getField("read_at")).toInstant())
        .isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
    assertThat(rows.get(0).getField("energy")).isEqualTo(1234L);
  }

  @Test
  void keysAlreadyInTheDatasetAreDeduplicatedAcrossUploads() throws IOException {
    DatasetContract contract = contract();
    Table table = table(warehouse, contract);
    write(table, contract, MESSY, Set.of());
    Set<String> existing = new java.util.HashSet<>();
    for (Record r : rows(table)) {
      existing.add(
          KeyText.of(r.getField("sensor_id"))
              + '\u001f'
              + KeyText.of(r.getField("read_at"))
              + '\u001f');
    }
    Run again = write(table, contract, MESSY, existing);

    assertThat(again.outcome().rowsWritten()).isZero();
    assertThat(again.outcome().rowsDeduplicated()).isEqualTo(5);
    assertThat(rows(table)).hasSize(4);
  }

  @Test
  void aFileMissingARequiredColumnIsRefusedAsAWhole() {
    DatasetContract contract = contract();
    Table table = table(warehouse, contract);
    assertThatThrownBy(
            () -> write(table, contract, "Sensor ID;Read At\nS-1;2024-03-01\n", Set.of()))
        .isInstanceOf(UploadPlan.Refused.class)
        .hasMessageContaining("site");
  }

  @Test
  void unknownColumnsAreAddedWithAnInferredType() throws IOException {
    DatasetContract contract = contract();
    String csv =
        "site,sensor_id,read_at,Humidity (%)\nnorth,S-9,2024-03-02T00:00:00Z,41.5\n"
            + "north,S-9,2024-03-02T01:00:00Z,40\n";
    try (RowSource source =
        RowSources.open(
            SourceFormat.CSV,
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            new SourceOptions(null, null, 0))) {
      List<SourceRow> sample = List.of(source.next(), source.next());
      UploadPlan plan = UploadPlan.of(contract, source.columns(), sample, OPTIONS);
      assertThat(plan.added()).extracting(c -> c.name()).containsExactly("humidity");
      assertThat(plan.added().get(0).type()).isEqualTo(DataType.DECIMAL);
      assertThat(plan.contract().columns()).hasSize(8);
    }
  }

  @Test
  void aTimeInADateColumnWidensItToATimestampAndAFractionAWholeNumberColumnToDecimal()
      throws IOException {
    DatasetContract contract = contract();
    String csv =
        "site,sensor_id,read_at,service_date,energy\n"
            + "north,S-9,2024-03-02T00:00:00Z,2024-03-01,5\n"
            + "north,S-9,2024-03-02T01:00:00Z,2024-03-01 14:30,2.5\n"
            + "north,S-9,2024-03-02T02:00:00Z,not a date,7\n";
    try (RowSource source =
        RowSources.open(
            SourceFormat.CSV,
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            new SourceOptions(null, null, 0))) {
      List<SourceRow> sample = List.of(source.next(), source.next(), source.next());
      UploadPlan plan = UploadPlan.of(contract, source.columns(), sample, OPTIONS);
      assertThat(plan.widened())
          .as("listed as they were")
          .extracting(c -> c.name() + ":" + c.type().wireName())
          .containsExactly("service_date:date", "energy:integer");
      assertThat(plan.contract().column("service_date").orElseThrow().type())
          .isEqualTo(DataType.TIMESTAMP);
      assertThat(plan.contract().column("energy").orElseThrow().type()).isEqualTo(DataType.DECIMAL);
      // A key or partition column never widens: read_at stays a timestamp, sensor_id a string.
      assertThat(plan.contract().column("read_at").orElseThrow().type())
          .isEqualTo(DataType.TIMESTAMP);
    }
  }

  @Test
  void tooManyBadRowsRefuseTheWholeFileAndLeaveNoFiles() throws IOException {
    DatasetContract contract = contract();
    Table table = table(warehouse, contract);
    StringBuilder csv = new StringBuilder("site,sensor_id,read_at,temperature\n");
    for (int i = 0; i < 250; i++) {
      csv.append("north,S-")
          .append(i)
          .append(",2024-03-01T10:00:00Z,")
          .append(i % 2 == 0 ? "20" : "warm")
          .append('\n');
    }
    assertThatThrownBy(() -> write(table, contract, csv.toString(), Set.of()))
        .isInstanceOf(UploadPlan.Refused.class)
        .hasMessageContaining("More than 100 rows");
    try (var files = java.nio.file.Files.walk(warehouse)) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet"))).isEmpty();
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }
}
