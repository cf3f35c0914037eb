package io.millwright.server.console;

import io.millwright.console.ports.TenantUsage;
import io.millwright.console.ports.UsageRow;
import io.millwright.metering.UsageGrouping;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/** Usage in the console, from the same ledger as the API. */
@ApplicationScoped
public class ConsoleUsage implements TenantUsage {

  @Inject ConsoleCalls calls;
  @Inject UsageRecorder usage;

  @Override
  public List<UsageRow> byMeterAndDay(String slug, LocalDate from, LocalDate to) {
    TenantAccess tenant =
        calls.tenant(slug, "read usage", TenantRole.FINANCE, TenantRole.TENANT_ADMIN);
    return usage
        .totals(
            tenant.tenantId(),
            from.atStartOfDay().toInstant(ZoneOffset.UTC),
            to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            EnumSet.of(UsageGrouping.METER, UsageGrouping.DAY))
        .stream()
        .map(u -> new UsageRow(u.meter(), u.day(), u.quantity(), u.unit()))
        .sorted(Comparator.comparing(UsageRow::day).thenComparing(UsageRow::meter))
        .toList();
  }
}
