package io.millwright.server.console;

import io.millwright.console.ports.TenantTransforms;
import io.millwright.console.ports.TransformDraft;
import io.millwright.console.ports.TransformRow;
import io.millwright.console.ports.TransformRunOutcome;
import io.millwright.server.datasets.DatasetTransforms;
import io.millwright.server.datasets.Transform;
import io.millwright.server.datasets.TransformDefinitions;
import io.millwright.server.datasets.TransformSchedules;
import io.millwright.server.datasets.Upload;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * SQL transforms in the console: the same definitions, runs, schedules, gate, audit and metering as
 * {@code /api/tenants/{slug}/transforms}. Every member reads; writers define, change, run and
 * remove, and each change plans the transform's schedule anew as the API does. The platform checks
 * what is sent; its field problems come back as the console's field messages.
 */
@ApplicationScoped
public class ConsoleTransforms implements TenantTransforms {

  private static final TenantRole[] WRITERS = TenantTransforms.WRITERS.toArray(TenantRole[]::new);

  @Inject ConsoleCalls calls;
  @Inject TransformDefinitions definitions;
  @Inject DatasetTransforms runs;
  @Inject TransformSchedules schedules;

  @Override
  public List<TransformRow> list(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list transforms");
    return ConsoleCalls.readable(
        () -> definitions.list(tenant.tenantId()).stream().map(ConsoleTransforms::row).toList());
  }

  @Override
  public TransformRow save(String slug, String existing, TransformDraft draft) {
    boolean creating = existing == null;
    TenantAccess tenant =
        calls.tenant(slug, creating ? "define transform" : "change transform", WRITERS);
    TenantId id = tenant.tenantId();
    return ConsoleCalls.readable(
        () -> {
          String name;
          if (creating) {
            name =
                definitions
                    .define(id, definition(draft, draft.name()), calls.caller(), calls.context())
                    .name();
          } else {
            name =
                definitions
                    .update(
                        id, existing, definition(draft, existing), calls.caller(), calls.context())
                    .name();
          }
          schedules.replan(id, name);
          return row(definitions.find(id, name).orElseThrow());
        });
  }

  @Override
  public TransformRunOutcome runNow(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "run transform", WRITERS);
    return ConsoleCalls.readable(
        () -> {
          Upload u = runs.run(tenant.tenantId(), name, calls.caller(), calls.context()).upload();
          String target =
              definitions.find(tenant.tenantId(), name).map(Transform::target).orElse("");
          return new TransformRunOutcome(
              target, u.rowsWritten(), u.rowsQuarantined(), u.snapshotId());
        });
  }

  @Override
  public void remove(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "remove transform", WRITERS);
    ConsoleCalls.readable(
        () -> {
          definitions.remove(tenant.tenantId(), name, calls.caller(), calls.context());
          schedules.replan(tenant.tenantId(), name);
        });
  }

  // ---- mapping ------------------------------------------------------------------------------

  /**
   * What the person typed, as the API receives it: only blanks become absent (the platform then
   * names the field or takes its default), everything else is for the platform to judge.
   */
  static Transform.Definition definition(TransformDraft d, String name) {
    return new Transform.Definition(
        blankToNull(name),
        d.description(),
        blankToNull(d.query()),
        blankToNull(d.target()),
        blankToNull(d.schedule()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static TransformRow row(Transform t) {
    Transform.Scheduling s = t.scheduling();
    Transform.LastRun last = s.lastRun();
    return new TransformRow(
        t.name(),
        t.description(),
        t.query(),
        t.target(),
        t.schedule().text(),
        s.pausedReason(),
        s.failures(),
        last == null
            ? null
            : new TransformRow.LastRun(last.at(), last.status(), last.message(), last.version()),
        s.nextRunAt(),
        t.createdAt(),
        t.createdBy(),
        t.updatedAt(),
        t.version());
  }
}
