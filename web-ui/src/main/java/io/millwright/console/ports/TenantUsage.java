package io.millwright.console.ports;

import java.time.LocalDate;
import java.util.List;

/** A tenant's usage, for finance and tenant-admins. */
public interface TenantUsage {

  /** Totals by meter and day, {@code from} to {@code to} inclusive (UTC days). */
  List<UsageRow> byMeterAndDay(String slug, LocalDate from, LocalDate to);
}
