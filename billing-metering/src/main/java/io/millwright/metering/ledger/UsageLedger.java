package io.millwright.metering.ledger;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.metering.UsageGrouping;
import io.millwright.metering.UsageTotal;
import io.millwright.tenancy.TenantId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The usage ledger: records usage events idempotently and reads usage totals, one tenant at a time.
 *
 * <p><b>Transactions belong to the caller.</b> Every method works on the {@link Connection} it is
 * given, inside the transaction already open on it (in the server, a container-managed JTA
 * transaction), and never commits, rolls back or changes the auto-commit mode. Its first statement
 * is {@code set_config('millwright.tenant_id', tenant, true)}, which scopes the row-level security
 * of {@code usage_event} to that tenant for the rest of the transaction. Because that setting only
 * lives as long as the transaction, a connection in auto-commit mode is refused.
 *
 * <p><b>Idempotency.</b> {@code (tenant, event id)} identifies an event: recording it again, in the
 * same call or a later one, changes nothing and is counted as a duplicate, so a caller may retry a
 * failed batch with the same ids. The first recording wins, even if a retry carries another
 * quantity. Recorded events are never updated or deleted by the application.
 *
 * <p>The ledger is stateless and safe to share between threads; the connection is not.
 */
public final class UsageLedger {

  private final boolean checkAutoCommit;

  /** A ledger for plain JDBC callers: refuses connections in auto-commit mode. */
  public UsageLedger() {
    this(true);
  }

  /**
   * @param checkAutoCommit false for container-managed (JTA) connections, whose {@code
   *     getAutoCommit()} reports the handle's setting rather than the enlisted transaction (Open
   *     Liberty answers true inside a global transaction); the container then guarantees the
   *     transaction instead
   */
  public UsageLedger(boolean checkAutoCommit) {
    this.checkAutoCommit = checkAutoCommit;
  }

  /**
   * Events sent in one statement. One statement carries eight array parameters however many events
   * it has, so a large chunk costs one round trip; the limit only bounds the size of one message.
   */
  static final int MAX_EVENTS_PER_STATEMENT = 10_000;

  private static final String ENTER_TENANT = "select set_config('millwright.tenant_id', ?, true)";

  /*
   * One row per array element, all arrays passed as text[] and cast in SQL: a single statement
   * and a single round trip for the whole chunk, and no bind-parameter limit to split around.
   * The benchmark (UsageLedgerBenchmarkIT) compares this with multi-row VALUES and JDBC batches.
   */
  private static final String INSERT_EVENTS =
      """
      insert into usage_event
          (tenant_id, event_id, meter, quantity, unit, occurred_at, category, resource_id, tags)
      select ?::uuid, e.event_id, e.meter, e.quantity::numeric, e.unit,
             e.occurred_at::timestamptz, e.category, e.resource_id, e.tags::jsonb
        from unnest(?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[])
          as e(event_id, meter, quantity, unit, occurred_at, category, resource_id, tags)
      on conflict (tenant_id, event_id) do nothing
      """;

  /**
   * Records usage events for one tenant, skipping those already recorded.
   *
   * <p>All events are checked before anything is written, so a rejected list writes nothing. The
   * insert happens in the caller's transaction: nothing is durable, and no other transaction sees
   * the events, until the caller commits. If the caller rolls back, the events are not recorded and
   * may be recorded again later with the same ids. If another transaction is recording some of the
   * same events, this call waits for it to end and then counts them as duplicates (or records them,
   * if it rolled back).
   *
   * @param connection an open connection inside a transaction (auto-commit off)
   * @param tenant the tenant the events belong to
   * @param events the events, all of {@code tenant}; may be empty and may contain duplicates
   * @return how many events were new and how many were duplicates
   * @throws IllegalArgumentException if the list or an element is {@code null}, or an event belongs
   *     to another tenant
   * @throws IllegalStateException if the connection is in auto-commit mode
   * @throws SQLException if the database refuses the insert; the caller's transaction is then
   *     aborted and must be rolled back by the caller
   */
  public RecordResult record(Connection connection, TenantId tenant, List<UsageEvent> events)
      throws SQLException {
    requireArgument(connection != null, "connection is required");
    requireArgument(tenant != null, "tenant is required");
    requireArgument(events != null, "events is required");
    for (int i = 0; i < events.size(); i++) {
      UsageEvent event = events.get(i);
      requireArgument(event != null, "events[" + i + "] is null");
      if (!event.tenantId().equals(tenant)) {
        throw new IllegalArgumentException(
            "event '%s' belongs to tenant %s, not to tenant %s"
                .formatted(event.eventId(), event.tenantId(), tenant));
      }
    }
    if (events.isEmpty()) {
      return new RecordResult(0, 0);
    }
    // Insert in event id order: two transactions recording overlapping events then take the row
    // locks in the same order, so one waits for the other instead of both deadlocking.
    List<UsageEvent> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparing(UsageEvent::eventId));
    enterTenant(connection, tenant);
    int recorded = 0;
    try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENTS)) {
      for (int from = 0; from < ordered.size(); from += MAX_EVENTS_PER_STATEMENT) {
        List<UsageEvent> chunk =
            ordered.subList(from, Math.min(ordered.size(), from + MAX_EVENTS_PER_STATEMENT));
        recorded += insertChunk(connection, insert, tenant, chunk);
      }
    }
    return new RecordResult(recorded, events.size() - recorded);
  }

  /**
   * Sums one tenant's usage that occurred in {@code [from, to)}, grouped as asked.
   *
   * <p>Totals are always split by unit as well. With an empty grouping there is one total per unit.
   * Rows come ordered by meter, day, category, resource id and unit (absent values first). The
   * query runs in the caller's transaction and sees what it has recorded but not yet committed.
   *
   * @param connection an open connection inside a transaction (auto-commit off)
   * @param tenant whose usage to sum
   * @param from first instant included
   * @param to first instant excluded; not before {@code from}
   * @param groupBy the dimensions to group by, possibly empty
   * @return the totals, empty if the tenant had no usage in the range
   * @throws IllegalArgumentException if an argument is {@code null} or {@code to} is before {@code
   *     from}
   * @throws IllegalStateException if the connection is in auto-commit mode
   * @throws SQLException if the query fails
   */
  public List<UsageTotal> totals(
      Connection connection, TenantId tenant, Instant from, Instant to, Set<UsageGrouping> groupBy)
      throws SQLException {
    requireArgument(connection != null, "connection is required");
    requireArgument(tenant != null, "tenant is required");
    requireArgument(from != null && to != null, "from and to are required");
    requireArgument(!to.isBefore(from), "to (%s) is before from (%s)".formatted(to, from));
    requireArgument(groupBy != null, "groupBy is required (may be empty)");
    Set<UsageGrouping> groups = EnumSet.noneOf(UsageGrouping.class);
    for (UsageGrouping grouping : groupBy) {
      // Not groupBy.contains(null): immutable sets throw on that instead of answering.
      requireArgument(grouping != null, "groupBy contains null");
      groups.add(grouping);
    }
    enterTenant(connection, tenant);
    List<UsageTotal> totals = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(totalsQuery(groups))) {
      query.setObject(1, tenant.value());
      query.setObject(2, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      query.setObject(3, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          totals.add(
              new UsageTotal(
                  groups.contains(UsageGrouping.METER) ? rows.getString("meter") : null,
                  groups.contains(UsageGrouping.DAY)
                      ? rows.getObject("day", LocalDate.class)
                      : null,
                  groups.contains(UsageGrouping.CATEGORY)
                      ? UsageCategory.valueOf(rows.getString("category"))
                      : null,
                  groups.contains(UsageGrouping.RESOURCE) ? rows.getString("resource_id") : null,
                  rows.getString("unit"),
                  rows.getBigDecimal("quantity"),
                  rows.getLong("event_count")));
        }
      }
    }
    return totals;
  }

  private static int insertChunk(
      Connection connection, PreparedStatement insert, TenantId tenant, List<UsageEvent> chunk)
      throws SQLException {
    int size = chunk.size();
    String[] eventIds = new String[size];
    String[] meters = new String[size];
    String[] quantities = new String[size];
    String[] units = new String[size];
    String[] occurredAts = new String[size];
    String[] categories = new String[size];
    String[] resourceIds = new String[size];
    String[] tags = new String[size];
    for (int i = 0; i < size; i++) {
      UsageEvent event = chunk.get(i);
      eventIds[i] = event.eventId();
      meters[i] = event.meter();
      quantities[i] = event.quantity().toPlainString();
      units[i] = event.unit();
      // timestamptz keeps microseconds; truncate here rather than let the server round.
      occurredAts[i] = event.occurredAt().truncatedTo(ChronoUnit.MICROS).toString();
      categories[i] = event.category().name();
      resourceIds[i] = event.resourceId();
      tags[i] = TagsJson.write(event.tags());
    }
    List<Array> arrays = new ArrayList<>(8);
    try {
      insert.setObject(1, tenant.value());
      String[][] columns = {
        eventIds, meters, quantities, units, occurredAts, categories, resourceIds, tags
      };
      for (int c = 0; c < columns.length; c++) {
        Array array = connection.createArrayOf("text", columns[c]);
        arrays.add(array);
        insert.setArray(c + 2, array);
      }
      return insert.executeUpdate();
    } finally {
      for (Array array : arrays) {
        array.free();
      }
    }
  }

  private static String totalsQuery(Set<UsageGrouping> groups) {
    List<String> columns = new ArrayList<>();
    if (groups.contains(UsageGrouping.METER)) {
      columns.add("meter");
    }
    if (groups.contains(UsageGrouping.DAY)) {
      columns.add("(occurred_at at time zone 'UTC')::date as day");
    }
    if (groups.contains(UsageGrouping.CATEGORY)) {
      columns.add("category");
    }
    if (groups.contains(UsageGrouping.RESOURCE)) {
      columns.add("resource_id");
    }
    columns.add("unit");
    // Group and order by position: the day column is an expression.
    List<String> positions = new ArrayList<>();
    for (int i = 1; i <= columns.size(); i++) {
      positions.add(Integer.toString(i));
    }
    String byPosition = String.join(", ", positions);
    return """
        select %s, sum(quantity) as quantity, count(*) as event_count
          from usage_event
         where tenant_id = ? and occurred_at >= ? and occurred_at < ?
         group by %s
         order by %s
        """
        .formatted(
            String.join(", ", columns),
            byPosition,
            String.join(", ", positions.stream().map(p -> p + " nulls first").toList()));
  }

  /** Scopes row-level security to the tenant for the rest of the caller's transaction. */
  private void enterTenant(Connection connection, TenantId tenant) throws SQLException {
    if (checkAutoCommit && connection.getAutoCommit()) {
      throw new IllegalStateException(
          "the usage ledger needs the caller's transaction, but the connection is in auto-commit"
              + " mode: the tenant setting would end with its own statement");
    }
    try (PreparedStatement enter = connection.prepareStatement(ENTER_TENANT)) {
      enter.setString(1, tenant.toString());
      enter.executeQuery().close();
    }
  }

  private static void requireArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
