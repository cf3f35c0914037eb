package io.millwright.server.console;

import io.millwright.console.ports.TenantDetail;
import io.millwright.console.ports.TenantSettings;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.tenants.Tenant;
import io.millwright.server.tenants.TenantLifecycle;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A tenant-admin's settings: view the tenant, rename it (audited like any change). */
@ApplicationScoped
public class ConsoleSettings implements TenantSettings {

  @Inject ConsoleCalls calls;
  @Inject TenantRegistry registry;
  @Inject TenantLifecycle lifecycle;
  @Inject UsageRecorder usage;

  @Override
  public TenantDetail view(String slug) {
    TenantAccess access = calls.tenant(slug, "view settings", TenantRole.TENANT_ADMIN);
    Tenant t = registry.findLive(access.slug()).orElseThrow();
    return ConsolePlatformTenants.detailOf(
        t,
        registry.memberCount(t.id()),
        java.util.List.of(),
        ConsolePlatformTenants.usageThisMonth(usage, t.id()));
  }

  @Override
  public void rename(String slug, String name) {
    calls.tenant(slug, "rename tenant", TenantRole.TENANT_ADMIN);
    ConsoleCalls.readable(
        () ->
            lifecycle.update(
                slug,
                new TenantLifecycle.TenantChanges(name, null, null),
                calls.caller(),
                calls.context()));
  }
}
