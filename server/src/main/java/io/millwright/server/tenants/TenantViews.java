package io.millwright.server.tenants;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of tenants in the API. */
final class TenantViews {

  private TenantViews() {}

  static Map<String, Object> summary(Tenant t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id().toString());
    m.put("slug", t.slug());
    m.put("name", t.name());
    m.put("plan", t.plan().wireName());
    m.put("status", t.status().name().toLowerCase());
    m.put("createdAt", t.createdAt().toString());
    return m;
  }

  static Map<String, Object> detail(Tenant t, long members) {
    Map<String, Object> m = summary(t);
    m.put("adminEmail", t.adminEmail());
    Map<String, Object> quotas = new LinkedHashMap<>();
    quotas.put("gpuConcurrency", t.quotas().gpuConcurrency());
    quotas.put("gpuHoursPerMonth", t.quotas().gpuHoursPerMonth());
    quotas.put("storageGb", t.quotas().storageGb());
    quotas.put("apiRequestsPerMinute", t.quotas().apiRequestsPerMinute());
    m.put("quotas", quotas);
    m.put("members", members);
    m.put("updatedAt", t.updatedAt().toString());
    if (t.deletedAt() != null) {
      m.put("deletedAt", t.deletedAt().toString());
      m.put("purgeAfter", t.purgeAfter().toString());
    }
    return m;
  }
}
