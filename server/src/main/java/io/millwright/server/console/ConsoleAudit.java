package io.millwright.server.console;

import io.millwright.console.ports.AuditFilter;
import io.millwright.console.ports.AuditRow;
import io.millwright.console.ports.ChainVerdict;
import io.millwright.console.ports.Page;
import io.millwright.console.ports.TenantAudit;
import io.millwright.server.audit.AuditHttp;
import io.millwright.server.audit.AuditQuery;
import io.millwright.server.audit.AuditReader;
import io.millwright.server.audit.AuditVerdict;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The audit trail in the console: the same reader, verifier and CSV as the API. */
@ApplicationScoped
public class ConsoleAudit implements TenantAudit {

  private static final TenantRole[] READERS = {TenantRole.AUDITOR, TenantRole.TENANT_ADMIN};

  @Inject ConsoleCalls calls;
  @Inject AuditReader reader;
  @Inject AuditHttp http;

  @Override
  public Page<AuditRow> page(String slug, AuditFilter filter, int offset, int limit) {
    TenantAccess tenant = calls.tenant(slug, "read audit", READERS);
    AuditReader.Page page = reader.page(tenant.tenantId(), query(filter), offset, limit);
    return new Page<>(
        page.items().stream()
            .map(
                e ->
                    new AuditRow(
                        e.seq(),
                        e.occurredAt(),
                        e.actor(),
                        e.action(),
                        e.target(),
                        e.outcome(),
                        e.details(),
                        e.requestId(),
                        e.sourceAddress()))
            .toList(),
        page.total());
  }

  @Override
  public ChainVerdict verify(String slug) {
    TenantAccess tenant = calls.tenant(slug, "verify audit", READERS);
    AuditVerdict v = reader.verify(tenant.tenantId());
    return new ChainVerdict(v.intact(), v.entriesChecked(), v.firstBrokenSeq(), v.reason());
  }

  @Override
  public void exportCsv(String slug, AuditFilter filter, OutputStream out) {
    TenantAccess tenant = calls.tenant(slug, "export audit", READERS);
    try {
      http.writeCsv(tenant.tenantId(), query(filter), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static AuditQuery query(AuditFilter f) {
    return new AuditQuery(f.actor(), f.action(), null, f.from(), f.to());
  }
}
