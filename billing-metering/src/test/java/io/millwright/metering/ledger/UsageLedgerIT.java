package io.millwright.metering.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.metering.UsageGrouping;
import io.millwright.metering.UsageTotal;
import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The ledger against real PostgreSQL, logged in as the application role, on a database migrated by
 * the owner with this module's migrations only. Each test uses new random tenants, so tests do not
 * see each other's rows.
 */
class UsageLedgerIT {

  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");

  private static MeteringDatabase database;

  private final UsageLedger ledger = new UsageLedger();
  private final List<Connection> connections = new ArrayList<>();
  private TenantId tenantA;
  private TenantId tenantB;

  @BeforeAll
  static void createDatabase() throws SQLException {
    database = MeteringDatabase.createFresh();
  }

  @BeforeEach
  void newTenants() {
    tenantA = TenantId.random();
    tenantB = TenantId.random();
  }

  @AfterEach
  void closeConnections() throws SQLException {
    for (Connection connection : connections) {
      connection.close();
    }
  }

  private Connection app() throws SQLException {
    Connection connection = database.connectAsApp();
    connections.add(connection);
    return connection;
  }

  private static UsageEvent event(
      TenantId tenant, String id, String meter, String quantity, String at) {
    return new UsageEvent(
        id,
        tenant,
        meter,
        new BigDecimal(quantity),
        "request",
        Instant.parse(at),
        UsageCategory.PLATFORM,
        null,
        null);
  }

  private static UsageEvent event(
      TenantId tenant,
      String id,
      String meter,
      String quantity,
      String unit,
      String at,
      UsageCategory category,
      String resourceId) {
    return new UsageEvent(
        id,
        tenant,
        meter,
        new BigDecimal(quantity),
        unit,
        Instant.parse(at),
        category,
        resourceId,
        Map.of());
  }

  /** Runs a count query in a transaction scoped to {@code tenant} ({@code null}: no scope). */
  private static long count(Connection connection, TenantId tenant, String sql, Object... params)
      throws SQLException {
    if (tenant != null) {
      try (PreparedStatement enter =
          connection.prepareStatement("select set_config('millwright.tenant_id', ?, true)")) {
        enter.setString(1, tenant.toString());
        enter.executeQuery().close();
      }
    }
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } finally {
      connection.rollback();
    }
  }

  private static BigDecimal quantityOf(Connection connection, TenantId tenant, String eventId)
      throws SQLException {
    try (PreparedStatement enter =
            connection.prepareStatement("select set_config('millwright.tenant_id', ?, true)");
        PreparedStatement query =
            connection.prepareStatement(
                "select quantity from usage_event where tenant_id = ? and event_id = ?")) {
      enter.setString(1, tenant.toString());
      enter.executeQuery().close();
      query.setObject(1, tenant.value());
      query.setString(2, eventId);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("row %s exists", eventId).isTrue();
        return rows.getBigDecimal(1).stripTrailingZeros();
      }
    } finally {
      connection.rollback();
    }
  }

  @Nested
  class Recording {

    @Test
    void reRecordingCountsDuplicatesAndKeepsTheFirstRow() throws SQLException {
      Connection connection = app();
      List<UsageEvent> first =
          List.of(
              event(tenantA, "e-1", "api.requests", "1", "2026-11-29T10:00:00Z"),
              event(tenantA, "e-2", "api.requests", "2", "2026-11-29T10:00:01Z"),
              event(tenantA, "e-3", "api.requests", "3", "2026-11-29T10:00:02Z"));

      assertThat(ledger.record(connection, tenantA, first)).isEqualTo(new RecordResult(3, 0));
      connection.commit();

      List<UsageEvent> retry = new ArrayList<>();
      for (UsageEvent event : first) {
        retry.add(event.withQuantity(new BigDecimal("100")));
      }
      retry.add(event(tenantA, "e-4", "api.requests", "4", "2026-11-29T10:00:03Z"));

      assertThat(ledger.record(connection, tenantA, retry)).isEqualTo(new RecordResult(1, 3));
      connection.commit();

      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(4);
      assertThat(quantityOf(connection, tenantA, "e-2")).isEqualTo(new BigDecimal("2"));
      assertThat(quantityOf(connection, tenantA, "e-4")).isEqualTo(new BigDecimal("4"));
    }

    @Test
    void aDuplicateWithinOneCallIsRecordedOnce() throws SQLException {
      Connection connection = app();
      UsageEvent original = event(tenantA, "dup", "api.requests", "5", "2026-11-29T10:00:00Z");

      RecordResult result =
          ledger.record(
              connection, tenantA, List.of(original, original.withQuantity(BigDecimal.TEN)));
      connection.commit();

      assertThat(result).isEqualTo(new RecordResult(1, 1));
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(1);
      assertThat(quantityOf(connection, tenantA, "dup")).isEqualTo(new BigDecimal("5"));
    }

    @Test
    void storesEveryField() throws SQLException {
      Connection connection = app();
      UsageEvent event =
          new UsageEvent(
              "job-7:step-2",
              tenantA,
              "training.gpu_seconds",
              new BigDecimal("12.123456789"),
              "second",
              Instant.parse("2026-11-29T10:15:30.123456789Z"),
              UsageCategory.TRAINING,
              "model-7",
              Map.of("gpu", "a100", "note", "say \"hi\""));
      ledger.record(connection, tenantA, List.of(event));
      connection.commit();

      try (PreparedStatement enter =
              connection.prepareStatement("select set_config('millwright.tenant_id', ?, true)");
          PreparedStatement query =
              connection.prepareStatement(
                  """
                  select tenant_id, event_id, meter, quantity, unit, occurred_at, category,
                         resource_id, tags::text, recorded_at is not null
                    from usage_event
                  """)) {
        enter.setString(1, tenantA.toString());
        enter.executeQuery().close();
        try (ResultSet row = query.executeQuery()) {
          assertThat(row.next()).isTrue();
          assertThat(row.getObject(1)).isEqualTo(tenantA.value());
          assertThat(row.getString(2)).isEqualTo("job-7:step-2");
          assertThat(row.getString(3)).isEqualTo("training.gpu_seconds");
          assertThat(row.getBigDecimal(4)).isEqualTo(new BigDecimal("12.123456789"));
          assertThat(row.getString(5)).isEqualTo("second");
          assertThat(row.getObject(6, OffsetDateTime.class).toInstant())
              .isEqualTo(Instant.parse("2026-11-29T10:15:30.123456Z"));
          assertThat(row.getString(7)).isEqualTo("TRAINING");
          assertThat(row.getString(8)).isEqualTo("model-7");
          assertThat(row.getString(9))
              .isEqualTo("{\"gpu\": \"a100\", \"note\": \"say \\\"hi\\\"\"}");
          assertThat(row.getBoolean(10)).isTrue();
          assertThat(row.next()).isFalse();
        }
      } finally {
        connection.rollback();
      }
    }

    @Test
    void aRolledBackRecordingLeavesNothingAndCanBeRepeated() throws SQLException {
      Connection connection = app();
      List<UsageEvent> events =
          List.of(
              event(tenantA, "r-1", "api.requests", "1", "2026-11-29T10:00:00Z"),
              event(tenantA, "r-2", "api.requests", "1", "2026-11-29T10:00:00Z"));

      assertThat(ledger.record(connection, tenantA, events)).isEqualTo(new RecordResult(2, 0));
      connection.rollback();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isZero();

      assertThat(ledger.record(connection, tenantA, events)).isEqualTo(new RecordResult(2, 0));
      connection.commit();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }

    @Test
    void aConcurrentRetryWaitsForTheFirstRecordingAndCountsDuplicates() throws Exception {
      Connection first = app();
      Connection retry = app();
      List<UsageEvent> events =
          List.of(
              event(tenantA, "c-1", "api.requests", "1", "2026-11-29T10:00:00Z"),
              event(tenantA, "c-2", "api.requests", "2", "2026-11-29T10:00:00Z"));
      assertThat(ledger.record(first, tenantA, events)).isEqualTo(new RecordResult(2, 0));
      int retryPid = backendPid(retry);

      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<RecordResult> retried =
            thread.submit(
                () -> ledger.record(retry, tenantA, List.of(events.get(1), events.get(0))));
        awaitWaitingOnALock(retryPid);
        first.commit();

        assertThat(retried.get(10, TimeUnit.SECONDS)).isEqualTo(new RecordResult(0, 2));
        retry.commit();
      } finally {
        thread.shutdownNow();
      }
      assertThat(count(first, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }

    private static int backendPid(Connection connection) throws SQLException {
      try (PreparedStatement query = connection.prepareStatement("select pg_backend_pid()");
          ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      } finally {
        connection.rollback();
      }
    }

    /** Polls pg_stat_activity (bounded) until the backend waits on a row lock. */
    private void awaitWaitingOnALock(int pid) throws SQLException {
      Connection monitor = database.connect(MeteringDatabase.APP, true);
      connections.add(monitor);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      try (PreparedStatement query =
          monitor.prepareStatement("select wait_event_type from pg_stat_activity where pid = ?")) {
        query.setInt(1, pid);
        while (System.nanoTime() < deadline) {
          try (ResultSet row = query.executeQuery()) {
            if (row.next() && "Lock".equals(row.getString(1))) {
              return;
            }
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
      }
      throw new AssertionError("backend " + pid + " never waited on a lock");
    }

    @Test
    void recordsMoreEventsThanOneStatementCarries() throws SQLException {
      Connection connection = app();
      int size = UsageLedger.MAX_EVENTS_PER_STATEMENT * 2 + 7;
      List<UsageEvent> events = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        events.add(event(tenantA, "bulk-" + i, "api.requests", "1", "2026-11-29T10:00:00Z"));
      }

      assertThat(ledger.record(connection, tenantA, events)).isEqualTo(new RecordResult(size, 0));
      assertThat(ledger.record(connection, tenantA, events)).isEqualTo(new RecordResult(0, size));
      connection.commit();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(size);
    }

    @Test
    void recordsThePlatformsOwnUsage() throws SQLException {
      Connection connection = app();
      String id = "platform-" + tenantA;
      UsageEvent event =
          event(TenantId.PLATFORM, id, "platform.backups", "1", "2026-11-29T10:00:00Z");

      assertThat(ledger.record(connection, TenantId.PLATFORM, List.of(event)))
          .isEqualTo(new RecordResult(1, 0));
      connection.commit();
      assertThat(quantityOf(connection, TenantId.PLATFORM, id)).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void anEmptyListWritesNothing() throws SQLException {
      assertThat(ledger.record(app(), tenantA, List.of())).isEqualTo(new RecordResult(0, 0));
    }

    @Test
    void refusesAConnectionInAutoCommitMode() throws SQLException {
      Connection autoCommit = database.connect(MeteringDatabase.APP, true);
      connections.add(autoCommit);
      List<UsageEvent> events =
          List.of(event(tenantA, "ac-1", "api.requests", "1", "2026-11-29T10:00:00Z"));

      assertThatThrownBy(() -> ledger.record(autoCommit, tenantA, events))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit");
      assertThatThrownBy(() -> ledger.totals(autoCommit, tenantA, T0, T0, Set.of()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(count(app(), tenantA, "select count(*) from usage_event")).isZero();
    }

    @Test
    void neverEndsTheCallersTransaction() throws SQLException {
      Connection connection = app();
      ledger.record(
          connection,
          tenantA,
          List.of(event(tenantA, "tx-1", "api.requests", "1", "2026-11-29T10:00:00Z")));
      ledger.totals(connection, tenantA, T0, T0.plusSeconds(86_400), Set.of());

      assertThat(connection.getAutoCommit()).isFalse();
      connection.rollback();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isZero();
    }
  }

  @Nested
  class Totals {

    private Connection connection;

    @BeforeEach
    void recordUsage() throws SQLException {
      connection = app();
      UsageCategory platform = UsageCategory.PLATFORM;
      UsageCategory inference = UsageCategory.INFERENCE;
      UsageCategory storage = UsageCategory.STORAGE;
      String api = "api.requests";
      String tokens = "inference.tokens";
      ledger.record(
          connection,
          tenantA,
          List.of(
              event(tenantA, "a1", api, "3", "request", "2026-11-29T10:00:00Z", platform, null),
              event(
                  tenantA,
                  "a2",
                  api,
                  "2",
                  "request",
                  "2026-11-29T23:59:59.999999Z",
                  platform,
                  null),
              event(tenantA, "a3", api, "5", "request", "2026-11-30T00:00:00Z", platform, null),
              event(
                  tenantA,
                  "t1",
                  tokens,
                  "1000",
                  "token",
                  "2026-11-29T12:00:00Z",
                  inference,
                  "model-a"),
              event(
                  tenantA,
                  "t2",
                  tokens,
                  "250.5",
                  "token",
                  "2026-11-30T08:00:00Z",
                  inference,
                  "model-b"),
              event(
                  tenantA,
                  "t3",
                  tokens,
                  "0.25",
                  "token",
                  "2026-11-30T09:00:00Z",
                  inference,
                  "model-a"),
              event(
                  tenantA,
                  "s1",
                  "storage.bytes",
                  "1000000000000",
                  "byte",
                  "2026-11-30T01:00:00Z",
                  storage,
                  "bucket-1"),
              // Outside [2026-11-29, 2026-12-01): just before and exactly at the end.
              event(tenantA, "x1", api, "999", "request", "2026-11-28T23:59:59Z", platform, null),
              event(tenantA, "x2", api, "999", "request", "2026-12-01T00:00:00Z", platform, null)));
      ledger.record(
          connection,
          tenantB,
          List.of(
              event(tenantB, "a1", api, "777", "request", "2026-11-29T10:00:00Z", platform, null)));
      connection.commit();
    }

    private List<UsageTotal> totals(UsageGrouping... groupings) throws SQLException {
      Set<UsageGrouping> groupBy = EnumSet.noneOf(UsageGrouping.class);
      groupBy.addAll(List.of(groupings));
      try {
        return ledger.totals(
            connection,
            tenantA,
            Instant.parse("2026-11-29T00:00:00Z"),
            Instant.parse("2026-12-01T00:00:00Z"),
            groupBy);
      } finally {
        connection.rollback();
      }
    }

    private static UsageTotal total(
        String meter,
        String day,
        UsageCategory category,
        String resource,
        String unit,
        String quantity,
        long count) {
      return new UsageTotal(
          meter,
          day == null ? null : LocalDate.parse(day),
          category,
          resource,
          unit,
          new BigDecimal(quantity),
          count);
    }

    @Test
    void byMeter() throws SQLException {
      assertThat(totals(UsageGrouping.METER))
          .containsExactly(
              total("api.requests", null, null, null, "request", "10", 3),
              total("inference.tokens", null, null, null, "token", "1250.75", 3),
              total("storage.bytes", null, null, null, "byte", "1000000000000", 1));
    }

    @Test
    void byMeterAndUtcDay() throws SQLException {
      assertThat(totals(UsageGrouping.METER, UsageGrouping.DAY))
          .containsExactly(
              total("api.requests", "2026-11-29", null, null, "request", "5", 2),
              total("api.requests", "2026-11-30", null, null, "request", "5", 1),
              total("inference.tokens", "2026-11-29", null, null, "token", "1000", 1),
              total("inference.tokens", "2026-11-30", null, null, "token", "250.75", 2),
              total("storage.bytes", "2026-11-30", null, null, "byte", "1000000000000", 1));
    }

    @Test
    void byCategory() throws SQLException {
      assertThat(totals(UsageGrouping.CATEGORY))
          .containsExactly(
              total(null, null, UsageCategory.INFERENCE, null, "token", "1250.75", 3),
              total(null, null, UsageCategory.PLATFORM, null, "request", "10", 3),
              total(null, null, UsageCategory.STORAGE, null, "byte", "1000000000000", 1));
    }

    @Test
    void byMeterAndResource() throws SQLException {
      assertThat(totals(UsageGrouping.METER, UsageGrouping.RESOURCE))
          .containsExactly(
              total("api.requests", null, null, null, "request", "10", 3),
              total("inference.tokens", null, null, "model-a", "token", "1000.25", 2),
              total("inference.tokens", null, null, "model-b", "token", "250.5", 1),
              total("storage.bytes", null, null, "bucket-1", "byte", "1000000000000", 1));
    }

    @Test
    void byEveryDimension() throws SQLException {
      assertThat(
              totals(
                  UsageGrouping.METER,
                  UsageGrouping.DAY,
                  UsageGrouping.CATEGORY,
                  UsageGrouping.RESOURCE))
          .containsExactly(
              total("api.requests", "2026-11-29", UsageCategory.PLATFORM, null, "request", "5", 2),
              total("api.requests", "2026-11-30", UsageCategory.PLATFORM, null, "request", "5", 1),
              total(
                  "inference.tokens",
                  "2026-11-29",
                  UsageCategory.INFERENCE,
                  "model-a",
                  "token",
                  "1000",
                  1),
              total(
                  "inference.tokens",
                  "2026-11-30",
                  UsageCategory.INFERENCE,
                  "model-a",
                  "token",
                  "0.25",
                  1),
              total(
                  "inference.tokens",
                  "2026-11-30",
                  UsageCategory.INFERENCE,
                  "model-b",
                  "token",
                  "250.5",
                  1),
              total(
                  "storage.bytes",
                  "2026-11-30",
                  UsageCategory.STORAGE,
                  "bucket-1",
                  "byte",
                  "1000000000000",
                  1));
    }

    @Test
    void withoutGroupingOnePerUnit() throws SQLException {
      assertThat(totals())
          .containsExactly(
              total(null, null, null, null, "byte", "1000000000000", 1),
              total(null, null, null, null, "request", "10", 3),
              total(null, null, null, null, "token", "1250.75", 3));
    }

    @Test
    void theRangeIsHalfOpen() throws SQLException {
      List<UsageTotal> lastInstant =
          ledger.totals(
              connection,
              tenantA,
              Instant.parse("2026-11-29T23:59:59.999999Z"),
              Instant.parse("2026-11-30T00:00:00Z"),
              Set.of(UsageGrouping.METER));
      List<UsageTotal> empty =
          ledger.totals(
              connection,
              tenantA,
              Instant.parse("2026-11-30T00:00:00Z"),
              Instant.parse("2026-11-30T00:00:00Z"),
              Set.of());
      connection.rollback();

      assertThat(lastInstant)
          .containsExactly(total("api.requests", null, null, null, "request", "2", 1));
      assertThat(empty).isEmpty();
    }

    @Test
    void onlyCountTheAskingTenant() throws SQLException {
      List<UsageTotal> totalsOfB =
          ledger.totals(
              connection,
              tenantB,
              Instant.parse("2026-11-29T00:00:00Z"),
              Instant.parse("2026-12-01T00:00:00Z"),
              Set.of(UsageGrouping.METER));
      connection.rollback();

      assertThat(totalsOfB)
          .containsExactly(total("api.requests", null, null, null, "request", "777", 1));
    }

    @Test
    void rejectsAnInvertedRange() {
      assertThatThrownBy(
              () ->
                  ledger.totals(
                      connection, tenantA, T0.plusSeconds(1), T0, Set.of(UsageGrouping.METER)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is before from");
    }
  }

  @Nested
  class TenantIsolation {

    private Connection connection;

    @BeforeEach
    void recordForBothTenants() throws SQLException {
      connection = app();
      ledger.record(
          connection,
          tenantA,
          List.of(
              event(tenantA, "secret-1", "api.requests", "1", "2026-11-29T10:00:00Z"),
              event(tenantA, "secret-2", "api.requests", "2", "2026-11-29T10:00:00Z")));
      ledger.record(
          connection,
          tenantB,
          List.of(event(tenantB, "own-1", "api.requests", "4", "2026-11-29T10:00:00Z")));
      connection.commit();
    }

    @Test
    void tenantBSeesNoneOfTenantAsEvents() throws SQLException {
      assertThat(count(connection, tenantB, "select count(*) from usage_event")).isEqualTo(1);
      assertThat(
              count(
                  connection,
                  tenantB,
                  "select count(*) from usage_event where tenant_id = ?",
                  tenantA.value()))
          .isZero();
      assertThat(
              count(
                  connection,
                  tenantB,
                  "select count(*) from usage_event where event_id = 'secret-1'"))
          .isZero();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }

    @Test
    void aTransactionWithoutTheSettingSeesNoRows() throws SQLException {
      Connection fresh = app();
      assertThat(count(fresh, null, "select count(*) from usage_event")).isZero();

      // The same connection after a tenant transaction: the setting is empty again, not stale.
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(2);
      assertThat(count(connection, null, "select count(*) from usage_event")).isZero();
    }

    @Test
    void rowLevelSecurityRefusesWritingTenantAsEventsUnderTenantB() throws SQLException {
      try (PreparedStatement enter =
              connection.prepareStatement("select set_config('millwright.tenant_id', ?, true)");
          PreparedStatement insert =
              connection.prepareStatement(
                  """
                  insert into usage_event
                      (tenant_id, event_id, meter, quantity, unit, occurred_at, category)
                  values (?, 'forged', 'api.requests', 1, 'request', now(), 'PLATFORM')
                  """)) {
        enter.setString(1, tenantB.toString());
        enter.executeQuery().close();
        insert.setObject(1, tenantA.value());

        assertThatThrownBy(insert::executeUpdate)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("violates row-level security policy")
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo(INSUFFICIENT_PRIVILEGE);
      } finally {
        connection.rollback();
      }
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }

    @Test
    void theLedgerRefusesEventsOfAnotherTenant() throws SQLException {
      UsageEvent ofA = event(tenantA, "forged", "api.requests", "1", "2026-11-29T10:00:00Z");

      assertThatThrownBy(() -> ledger.record(connection, tenantB, List.of(ofA)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("event 'forged' belongs to tenant %s, not to tenant %s", tenantA, tenantB);
      connection.rollback();
      assertThat(count(connection, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }

    @Test
    void theApplicationCanNeitherUpdateNorDeleteUsage() throws SQLException {
      for (String sql :
          List.of(
              "update usage_event set quantity = 0",
              "delete from usage_event",
              "truncate usage_event")) {
        try (PreparedStatement enter =
                connection.prepareStatement("select set_config('millwright.tenant_id', ?, true)");
            PreparedStatement change = connection.prepareStatement(sql)) {
          enter.setString(1, tenantA.toString());
          enter.executeQuery().close();

          assertThatThrownBy(change::executeUpdate)
              .as(sql)
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("permission denied for table usage_event")
              .extracting(e -> ((SQLException) e).getSQLState())
              .isEqualTo(INSUFFICIENT_PRIVILEGE);
        } finally {
          connection.rollback();
        }
      }
      assertThat(quantityOf(connection, tenantA, "secret-2")).isEqualTo(new BigDecimal("2"));
    }

    @Test
    void rowLevelSecurityBindsTheOwnerToo() throws SQLException {
      Connection owner = database.connectAsOwner();
      connections.add(owner);

      assertThat(count(owner, null, "select count(*) from usage_event")).isZero();
      assertThat(count(owner, tenantA, "select count(*) from usage_event")).isEqualTo(2);
    }
  }
}
