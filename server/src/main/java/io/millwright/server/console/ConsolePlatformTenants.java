package io.millwright.server.console;

import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.CreatedTenant;
import io.millwright.console.ports.MemberRow;
import io.millwright.console.ports.Page;
import io.millwright.console.ports.PlatformTenants;
import io.millwright.console.ports.TenantDetail;
import io.millwright.console.ports.TenantRow;
import io.millwright.console.ports.UsageRow;
import io.millwright.metering.UsageGrouping;
import io.millwright.server.members.Memberships;
import io.millwright.server.tenants.NewTenant;
import io.millwright.server.tenants.ProvisionedTenant;
import io.millwright.server.tenants.Tenant;
import io.millwright.server.tenants.TenantLifecycle;
import io.millwright.server.tenants.TenantProvisioning;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/** The platform admin console over the same registry, provisioning and lifecycle as the API. */
@ApplicationScoped
public class ConsolePlatformTenants implements PlatformTenants {

  @Inject ConsoleCalls calls;
  @Inject TenantRegistry registry;
  @Inject TenantProvisioning provisioning;
  @Inject TenantLifecycle lifecycle;
  @Inject UsageRecorder usage;
  @Inject Memberships memberships;

  @Override
  public Page<TenantRow> list(String status, String search, int offset, int limit) {
    calls.platformAdmin("list tenants");
    TenantStatus wanted =
        status == null ? null : TenantStatus.valueOf(status.toUpperCase(Locale.ROOT));
    List<TenantRow> rows =
        registry.list(wanted, search, offset, limit).stream()
            .map(
                t ->
                    new TenantRow(
                        t.slug(),
                        t.name(),
                        t.plan().wireName(),
                        t.status().name().toLowerCase(Locale.ROOT),
                        t.createdAt()))
            .toList();
    return new Page<>(rows, registry.count(wanted, search));
  }

  @Override
  public TenantDetail detail(String slug) {
    calls.platformAdmin("view tenant " + slug);
    Tenant t =
        registry
            .findLive(slug)
            .filter(x -> x.status() != TenantStatus.PROVISIONING)
            .orElseThrow(() -> new ConsoleException("There is no tenant '" + slug + "'."));
    List<MemberRow> members =
        memberships.list(t.id()).stream()
            .map(m -> new MemberRow(m.userId(), m.email(), m.roles(), m.addedAt(), m.addedBy()))
            .toList();
    return detailOf(t, members.size(), members, usageThisMonth(usage, t.id()));
  }

  @Override
  public CreatedTenant create(String slug, String name, String plan, String adminEmail) {
    calls.platformAdmin("create tenant");
    ProvisionedTenant made =
        ConsoleCalls.readable(
            () ->
                provisioning.provision(
                    new NewTenant(slug, name, plan, adminEmail), calls.caller(), calls.context()));
    return new CreatedTenant(
        made.tenant().slug(), made.tenant().adminEmail(), made.temporaryPassword());
  }

  @Override
  public void suspend(String slug) {
    calls.platformAdmin("suspend " + slug);
    ConsoleCalls.readable(() -> lifecycle.suspend(slug, calls.caller(), calls.context()));
  }

  @Override
  public void resume(String slug) {
    calls.platformAdmin("resume " + slug);
    ConsoleCalls.readable(() -> lifecycle.resume(slug, calls.caller(), calls.context()));
  }

  @Override
  public void delete(String slug) {
    calls.platformAdmin("delete " + slug);
    ConsoleCalls.readable(() -> lifecycle.delete(slug, calls.caller(), calls.context()));
  }

  /** {@code members} may be empty where the page shows only the count. */
  static TenantDetail detailOf(
      Tenant t, long memberCount, List<MemberRow> members, List<UsageRow> usage) {
    return new TenantDetail(
        t.slug(),
        t.name(),
        t.plan().wireName(),
        t.status().name().toLowerCase(Locale.ROOT),
        t.adminEmail(),
        t.quotas(),
        memberCount,
        members,
        t.createdAt(),
        t.purgeAfter(),
        usage);
  }

  static List<UsageRow> usageThisMonth(UsageRecorder usage, TenantId tenant) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return usage
        .totals(
            tenant,
            today.withDayOfMonth(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            EnumSet.of(UsageGrouping.METER))
        .stream()
        .map(u -> new UsageRow(u.meter(), null, u.quantity(), u.unit()))
        .toList();
  }
}
