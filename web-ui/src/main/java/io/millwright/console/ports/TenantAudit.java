package io.millwright.console.ports;

import java.io.OutputStream;

/** A tenant's audit trail, for its auditors and tenant-admins. */
public interface TenantAudit {

  Page<AuditRow> page(String slug, AuditFilter filter, int offset, int limit);

  ChainVerdict verify(String slug);

  /** Writes the matching entries as CSV (the same format as the API's export). */
  void exportCsv(String slug, AuditFilter filter, OutputStream out);
}
