package io.millwright.server.usage;

import io.millwright.metering.UsageEvent;
import io.millwright.metering.UsageGrouping;
import io.millwright.metering.UsageTotal;
import io.millwright.metering.ledger.RecordResult;
import io.millwright.metering.ledger.UsageLedger;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The server's door to the usage ledger: each call is one transaction on the app's pool. */
@ApplicationScoped
@Transactional
public class UsageRecorder {

  /** Every method here runs in a container transaction (@Transactional), see UsageLedger. */
  private final UsageLedger ledger = new UsageLedger(false);

  @Inject DatabaseScope scope;

  /** Records events of one tenant; already-recorded event ids are counted as duplicates. */
  public RecordResult record(TenantId tenant, List<UsageEvent> events) {
    RecordResult[] result = new RecordResult[1];
    scope.withConnection(c -> result[0] = ledger.record(c, tenant, events));
    return result[0];
  }

  public List<UsageTotal> totals(
      TenantId tenant, Instant from, Instant to, Set<UsageGrouping> groupBy) {
    @SuppressWarnings("unchecked")
    List<UsageTotal>[] result = new List[1];
    scope.withConnection(c -> result[0] = ledger.totals(c, tenant, from, to, groupBy));
    return result[0];
  }
}
