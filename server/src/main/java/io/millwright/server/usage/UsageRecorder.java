package io.millwright.server.usage;

import io.millwright.metering.UsageEvent;
import io.millwright.metering.UsageGrouping;
import io.millwright.metering.UsageTotal;
import io.millwright.metering.ledger.RecordResult;
import io.millwright.metering.ledger.UsageLedger;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The server's door to the usage ledger. Each call is one local transaction on the application's
 * pool, committed here: plain JDBC rather than JPA, so the last flush at shutdown still works after
 * the persistence unit has closed.
 */
@ApplicationScoped
public class UsageRecorder {

  private final UsageLedger ledger = new UsageLedger();

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  /** Records events of one tenant; already-recorded event ids are counted as duplicates. */
  public RecordResult record(TenantId tenant, List<UsageEvent> events) {
    return inTransaction(c -> ledger.record(c, tenant, events));
  }

  public List<UsageTotal> totals(
      TenantId tenant, Instant from, Instant to, Set<UsageGrouping> groupBy) {
    return inTransaction(c -> ledger.totals(c, tenant, from, to, groupBy));
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("usage ledger unavailable", e);
    }
  }
}
