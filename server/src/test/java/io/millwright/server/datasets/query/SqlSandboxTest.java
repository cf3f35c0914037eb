package io.millwright.server.datasets.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.server.datasets.catalog.LocalTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL over a real encrypted table, and every way we know to reach past it: other files, the host's
 * files, writing, attaching, installing, changing settings, a second statement.
 */
class SqlSandboxTest {

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "site", Types.StringType.get()),
          Types.NestedField.optional(2, "reading", Types.DoubleType.get()),
          Types.NestedField.optional(3, "read_at", Types.TimestampType.withZone()));

  static ScheduledExecutorService timer;

  @TempDir Path dir;

  @BeforeAll
  static void timer() {
    timer = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterAll
  static void stop() {
    timer.shutdownNow();
  }

  Table table(String name, int rows) throws IOException {
    Table t =
        LocalTables.create(
            dir.resolve("warehouse"), new byte[32], name, SCHEMA, PartitionSpec.unpartitioned());
    FanoutDataWriter<Record> writer =
        new FanoutDataWriter<>(
            new GenericFileWriterFactory.Builder(t)
                .dataFileFormat(FileFormat.PARQUET)
                .dataSchema(SCHEMA)
                .build(),
            OutputFileFactory.builderFor(t, 1, 1).format(FileFormat.PARQUET).build(),
            t.io(),
            1 << 27);
    for (int i = 0; i < rows; i++) {
      GenericRecord r = GenericRecord.create(SCHEMA);
      r.set(0, i % 2 == 0 ? "north" : "south");
      r.set(1, (double) i);
      r.set(2, OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(i));
      writer.write(r, t.spec(), null);
    }
    writer.close();
    var append = t.newAppend();
    for (DataFile f : writer.result().dataFiles()) {
      append.appendFile(f);
    }
    append.commit();
    return t;
  }

  SqlSandbox sandbox(Table t) {
    PlaintextSnapshot files =
        PlaintextSnapshot.decrypt(t, t.currentSnapshot(), dir.resolve("scratch"));
    return new SqlSandbox(
        List.of(
            new QueryTable(
                "readings", t.currentSnapshot().snapshotId(), SCHEMA, files, java.util.Set.of())),
        "256MB",
        1);
  }

  QueryResult run(SqlSandbox s, String sql) {
    return s.query(sql, 100, Duration.ofSeconds(30), timer);
  }

  @Test
  void aggregatesOverTheVersionsRows() throws IOException {
    try (SqlSandbox s = sandbox(table("readings", 1000))) {
      QueryResult r =
          run(
              s,
              "select site, count(*) n, sum(reading) total from readings group by site order by site;");
      assertThat(r.columns()).containsExactly("site", "n", "total");
      assertThat(r.rows())
          .containsExactly(List.of("north", 500L, 249500.0), List.of("south", 500L, 250000.0));
      QueryResult time = run(s, "select max(read_at) from readings");
      assertThat(time.rows().get(0).get(0)).isEqualTo("2024-03-01T16:39:00Z");
    }
  }

  @Test
  void resultsAreCappedAndSaySo() throws IOException {
    try (SqlSandbox s = sandbox(table("readings", 300))) {
      QueryResult r = run(s, "select * from readings");
      assertThat(r.rows()).hasSize(100);
      assertThat(r.truncated()).isTrue();
    }
  }

  @Test
  void nothingOutsideTheQuerysOwnFilesCanBeReachedOrChanged() throws IOException {
    Path secret = dir.resolve("other-tenant.csv");
    Files.writeString(secret, "customer,balance\nacme,100\n", StandardCharsets.UTF_8);
    Table t = table("readings", 10);
    try (SqlSandbox s = sandbox(t)) {
      for (String attempt :
          List.of(
              "select * from read_csv('" + secret + "')",
              "select * from read_csv('/etc/passwd')",
              "select * from read_text('/etc/hostname')",
              "select * from glob('/etc/*')",
              "select * from read_parquet('" + dir.resolve("warehouse") + "/**/*.parquet')",
              "select * from 'https://example.com/x.csv'")) {
        assertThatThrownBy(() -> run(s, attempt))
            .as(attempt)
            .isInstanceOf(SqlRefusedException.class);
      }
      for (String statement :
          List.of(
              "copy (select 1) to '" + dir.resolve("leak.csv") + "'",
              "attach '" + dir.resolve("x.db") + "' as x",
              "install httpfs",
              "load httpfs",
              "set enable_external_access = true",
              "pragma version",
              "select 1; select * from read_csv('/etc/passwd')",
              "create table t as select 1")) {
        assertThatThrownBy(() -> run(s, statement))
            .as(statement)
            .isInstanceOf(SqlRefusedException.class);
      }
      assertThat(Files.exists(dir.resolve("leak.csv"))).isFalse();
      assertThat(Files.exists(dir.resolve("x.db"))).isFalse();
      // The permitted query still answers after all that.
      assertThat(run(s, "select count(*) from readings").rows().get(0).get(0)).isEqualTo(10L);
    }
  }

  @Test
  void theScratchPlaintextIsGoneAfterTheQuery() throws IOException {
    Table t = table("readings", 10);
    PlaintextSnapshot files =
        PlaintextSnapshot.decrypt(t, t.currentSnapshot(), dir.resolve("scratch"));
    assertThat(files.files()).isNotEmpty().allSatisfy(f -> assertThat(f).exists());
    files.close();
    try (var left = Files.list(dir.resolve("scratch"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aBadQueryGetsDuckDbsExplanation() throws IOException {
    try (SqlSandbox s = sandbox(table("readings", 10))) {
      assertThatThrownBy(() -> run(s, "select nope from readings"))
          .isInstanceOf(SqlRefusedException.class)
          .hasMessageContaining("nope");
      assertThatThrownBy(() -> run(s, "  "))
          .isInstanceOf(SqlRefusedException.class)
          .hasMessageContaining("Write a query");
    }
  }
}
