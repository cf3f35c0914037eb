package io.millwright.metering.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How fast the ledger records usage, against a baseline measured in the same run: a plain multi-row
 * INSERT of the same rows into a temp table without constraints, indexes or row-level security.
 * Also measures the two other ways the ledger could insert, so the choice stays evidence-based.
 * Prints figures and ratios; asserts no time, only that the work was done.
 *
 * <p>Runs only with {@code -Dbenchmarks=true}: {@code ./mvnw -pl billing-metering -am verify
 * -Dbenchmarks=true -Dit.test=UsageLedgerBenchmarkIT}. Each batch is its own transaction (set the
 * tenant, insert, commit), as a flush in the server would be.
 */
class UsageLedgerBenchmarkIT {

  private static final int[] BATCH_SIZES = {1, 100, 1_000, 10_000};
  private static final int ROUNDS = 5;

  /** Rows per multi-row VALUES statement: 9 parameters a row stays below the 32,767 limit. */
  private static final int ROWS_PER_VALUES_STATEMENT = 3_000;

  private static final String COLUMNS =
      "(tenant_id, event_id, meter, quantity, unit, occurred_at, category, resource_id, tags)";
  private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";
  private static final String ENTER_TENANT = "select set_config('millwright.tenant_id', ?, true)";

  private static MeteringDatabase database;

  /** Ledger and multi-row VALUES. */
  private static Connection connection;

  /** The JDBC batch strategy: reWriteBatchedInserts is a connection property. */
  private static Connection rewritingConnection;

  /**
   * The baseline's own session: a session holding a temp table made every commit on it measurably
   * slower for single-event batches, which would have penalised whatever shared it.
   */
  private static Connection baselineConnection;

  private final UsageLedger ledger = new UsageLedger();
  private final Map<TenantId, Long> written = new HashMap<>();
  private long sequence;

  @BeforeAll
  static void setUp() throws SQLException {
    assumeTrue(Boolean.getBoolean("benchmarks"), "benchmarks run only with -Dbenchmarks=true");
    database = MeteringDatabase.createFresh();
    connection = database.connectAsApp();
    rewritingConnection = database.connectAsApp(Map.of("reWriteBatchedInserts", "true"));
    baselineConnection = database.connectAsApp();
    try (Statement sql = baselineConnection.createStatement()) {
      sql.execute(
          """
          create temp table usage_event_baseline (
              tenant_id uuid, event_id text, meter text, quantity numeric(38,9), unit text,
              occurred_at timestamptz, category text, resource_id text, tags jsonb)
          """);
    }
    baselineConnection.commit();
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (connection != null) {
      connection.close();
      rewritingConnection.close();
      baselineConnection.close();
    }
  }

  private interface Writer {
    void write(TenantId tenant, List<UsageEvent> batch) throws SQLException;
  }

  private record Strategy(String name, TenantId tenant, Connection connection, Writer writer) {}

  @Test
  void recordingThroughput() throws SQLException {
    List<Strategy> strategies =
        List.of(
            new Strategy("ledger", TenantId.random(), connection, this::recordWithLedger),
            new Strategy("VALUES", TenantId.random(), connection, this::insertMultiRowValues),
            new Strategy(
                "JDBC batch", TenantId.random(), rewritingConnection, this::insertJdbcBatch),
            new Strategy("baseline", TenantId.random(), baselineConnection, this::insertBaseline));

    // Warm-up: JIT, server-side prepared statements, buffer cache. Not reported.
    for (int batchSize : BATCH_SIZES) {
      for (Strategy strategy : strategies) {
        measure(strategy, batchSize, Math.max(batchSize, eventsFor(batchSize) / 10));
      }
    }

    List<String> lines = new ArrayList<>();
    lines.add(
        "PostgreSQL "
            + serverVersion()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version")
            + "; one connection per strategy, one transaction per batch, "
            + ROUNDS
            + " interleaved rounds, median round reported");
    lines.add("");
    lines.add(
        "| batch size | events | ledger (unnest) ev/s | multi-row VALUES ev/s "
            + "| JDBC batch (reWriteBatchedInserts) ev/s | baseline ev/s | ledger / baseline "
            + "| VALUES / baseline | JDBC batch / baseline |");
    lines.add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int batchSize : BATCH_SIZES) {
      int events = eventsFor(batchSize);
      double[][] roundRates = new double[strategies.size()][ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        // Rotate who goes first, so no strategy always inherits the same table and cache state.
        for (int i = 0; i < strategies.size(); i++) {
          int s = (i + round) % strategies.size();
          long nanos = measure(strategies.get(s), batchSize, events / ROUNDS);
          roundRates[s][round] = events / ROUNDS / (nanos / 1e9);
        }
      }
      // The median round: the machine is shared, and one disturbed round should not move a figure.
      double[] rates = new double[strategies.size()];
      for (int s = 0; s < rates.length; s++) {
        Arrays.sort(roundRates[s]);
        rates[s] = roundRates[s][ROUNDS / 2];
      }
      double baseline = rates[3];
      lines.add(
          "| %,d | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f |"
              .formatted(
                  batchSize,
                  events,
                  rates[0],
                  rates[1],
                  rates[2],
                  baseline,
                  rates[0] / baseline,
                  rates[1] / baseline,
                  rates[2] / baseline));
    }

    lines.add("");
    lines.add(reRecordingDuplicates(TenantId.random()));
    lines.add(rewrittenBatchUpdateCounts());

    System.out.println("\n=== UsageLedgerBenchmarkIT ===\n" + String.join("\n", lines) + "\n");

    // The work was really done: every strategy on the ledger table stored every event it wrote.
    for (Strategy strategy : strategies.subList(0, 3)) {
      assertThat(rowsOf(strategy.tenant()))
          .as(strategy.name())
          .isEqualTo(written.get(strategy.tenant()));
    }
  }

  /** Events per batch size: enough batches that the figure is stable, few enough to stay quick. */
  private static int eventsFor(int batchSize) {
    return switch (batchSize) {
      case 1 -> 5_000;
      case 100 -> 50_000;
      case 1_000 -> 100_000;
      default -> 150_000;
    };
  }

  /** Writes {@code events} new events in batches, each in its own transaction; returns nanos. */
  private long measure(Strategy strategy, int batchSize, int events) throws SQLException {
    List<List<UsageEvent>> batches = new ArrayList<>();
    for (int i = 0; i + batchSize <= events; i += batchSize) {
      batches.add(newEvents(strategy.tenant(), batchSize));
    }
    long start = System.nanoTime();
    for (List<UsageEvent> batch : batches) {
      strategy.writer().write(strategy.tenant(), batch);
      strategy.connection().commit();
    }
    long elapsed = System.nanoTime() - start;
    written.merge(strategy.tenant(), (long) batches.size() * batchSize, Long::sum);
    return elapsed;
  }

  private String reRecordingDuplicates(TenantId tenant) throws SQLException {
    List<List<UsageEvent>> batches = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batches.add(newEvents(tenant, 1_000));
    }
    for (List<UsageEvent> batch : batches) {
      ledger.record(connection, tenant, batch);
      connection.commit();
    }
    long start = System.nanoTime();
    for (List<UsageEvent> batch : batches) {
      assertThat(ledger.record(connection, tenant, batch)).isEqualTo(new RecordResult(0, 1_000));
      connection.commit();
    }
    double rate = 30_000 / ((System.nanoTime() - start) / 1e9);
    return "Re-recording 30 batches of 1,000 already recorded events (all duplicates): %,.0f ev/s."
        .formatted(rate);
  }

  private String rewrittenBatchUpdateCounts() throws SQLException {
    TenantId tenant = TenantId.random();
    List<UsageEvent> batch = newEvents(tenant, 3);
    enterTenant(rewritingConnection, tenant);
    int[] counts;
    try (PreparedStatement insert = rewritingConnection.prepareStatement(onConflictInsert(1))) {
      for (UsageEvent event : batch) {
        bind(insert, 1, tenant, event);
        insert.addBatch();
      }
      counts = insert.executeBatch();
    } finally {
      rewritingConnection.rollback();
    }
    return ("A rewritten JDBC batch of 3 new events reports update counts %s"
            + " (-2 = SUCCESS_NO_INFO), so it cannot tell new events from duplicates.")
        .formatted(Arrays.toString(counts));
  }

  private void recordWithLedger(TenantId tenant, List<UsageEvent> batch) throws SQLException {
    RecordResult result = ledger.record(connection, tenant, batch);
    if (result.recorded() != batch.size()) {
      throw new IllegalStateException("expected only new events, got " + result);
    }
  }

  private void insertMultiRowValues(TenantId tenant, List<UsageEvent> batch) throws SQLException {
    enterTenant(connection, tenant);
    int inserted = insertValues(connection, batch, tenant, true);
    if (inserted != batch.size()) {
      throw new IllegalStateException("expected " + batch.size() + " inserts, got " + inserted);
    }
  }

  private void insertJdbcBatch(TenantId tenant, List<UsageEvent> batch) throws SQLException {
    enterTenant(rewritingConnection, tenant);
    try (PreparedStatement insert = rewritingConnection.prepareStatement(onConflictInsert(1))) {
      for (UsageEvent event : batch) {
        bind(insert, 1, tenant, event);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertBaseline(TenantId tenant, List<UsageEvent> batch) throws SQLException {
    insertValues(baselineConnection, batch, tenant, false);
  }

  private static int insertValues(
      Connection target, List<UsageEvent> batch, TenantId tenant, boolean ledgerTable)
      throws SQLException {
    int inserted = 0;
    for (int from = 0; from < batch.size(); from += ROWS_PER_VALUES_STATEMENT) {
      List<UsageEvent> rows =
          batch.subList(from, Math.min(batch.size(), from + ROWS_PER_VALUES_STATEMENT));
      String sql =
          ledgerTable
              ? onConflictInsert(rows.size())
              : "insert into usage_event_baseline " + COLUMNS + " values " + rows(rows.size());
      try (PreparedStatement insert = target.prepareStatement(sql)) {
        int parameter = 1;
        for (UsageEvent event : rows) {
          parameter = bind(insert, parameter, tenant, event);
        }
        inserted += insert.executeUpdate();
      }
    }
    return inserted;
  }

  private static String onConflictInsert(int rows) {
    return "insert into usage_event "
        + COLUMNS
        + " values "
        + rows(rows)
        + " on conflict (tenant_id, event_id) do nothing";
  }

  private static String rows(int count) {
    return String.join(", ", Collections.nCopies(count, ROW));
  }

  private static int bind(PreparedStatement insert, int first, TenantId tenant, UsageEvent event)
      throws SQLException {
    int p = first;
    insert.setObject(p++, tenant.value());
    insert.setString(p++, event.eventId());
    insert.setString(p++, event.meter());
    insert.setBigDecimal(p++, event.quantity());
    insert.setString(p++, event.unit());
    insert.setObject(
        p++,
        OffsetDateTime.ofInstant(
            event.occurredAt().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    insert.setString(p++, event.category().name());
    insert.setString(p++, event.resourceId());
    insert.setString(p++, TagsJson.write(event.tags()));
    return p;
  }

  private static void enterTenant(Connection target, TenantId tenant) throws SQLException {
    try (PreparedStatement enter = target.prepareStatement(ENTER_TENANT)) {
      enter.setString(1, tenant.toString());
      enter.executeQuery().close();
    }
  }

  /** Realistic events: a few meters and resources, two tags, distinct ids. */
  private List<UsageEvent> newEvents(TenantId tenant, int count) {
    List<UsageEvent> events = new ArrayList<>(count);
    Instant base = Instant.parse("2026-11-29T00:00:00Z");
    for (int i = 0; i < count; i++) {
      long n = sequence++;
      events.add(
          new UsageEvent(
              "request-" + n + "-" + Long.toHexString(n * 0x9E3779B97F4A7C15L),
              tenant,
              n % 3 == 0 ? "inference.tokens" : "api.requests",
              BigDecimal.valueOf(n % 5_000, n % 3 == 0 ? 0 : 2),
              n % 3 == 0 ? "token" : "request",
              base.plusMillis(n * 37),
              n % 3 == 0 ? UsageCategory.INFERENCE : UsageCategory.PLATFORM,
              n % 2 == 0 ? "model-" + (n % 17) : null,
              Map.of("region", "eu-west", "client", "sdk-" + (n % 4))));
    }
    return events;
  }

  private static long rowsOf(TenantId tenant) throws SQLException {
    enterTenant(connection, tenant);
    try (Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("select count(*) from usage_event")) {
      rows.next();
      return rows.getLong(1);
    } finally {
      connection.rollback();
    }
  }

  private static String serverVersion() throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet version = sql.executeQuery("show server_version")) {
      version.next();
      return version.getString(1);
    } finally {
      connection.rollback();
    }
  }
}
