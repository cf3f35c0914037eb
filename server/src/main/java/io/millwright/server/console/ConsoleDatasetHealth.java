package io.millwright.server.console;

import io.millwright.console.ports.DatasetAlert;
import io.millwright.console.ports.DatasetQuality;
import io.millwright.console.ports.TenantDatasetHealth;
import io.millwright.server.datasets.DatasetHealth;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dataset quality and alerts in the console: the same health service and gate as the API's {@code
 * quality} and {@code alerts} endpoints. Every member reads.
 */
@ApplicationScoped
public class ConsoleDatasetHealth implements TenantDatasetHealth {

  @Inject ConsoleCalls calls;
  @Inject DatasetHealth health;

  @Override
  public DatasetQuality quality(String slug, String name, Long version) {
    TenantAccess tenant = calls.tenant(slug, "view dataset quality");
    return ConsoleCalls.readable(() -> quality(health.quality(tenant.tenantId(), name, version)));
  }

  @Override
  public List<DatasetAlert> alerts(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "view dataset alerts");
    return ConsoleCalls.readable(() -> alerts(health, tenant.tenantId(), name));
  }

  /** Shared with the datasets list, which shows alerts without a gate call per dataset. */
  static List<DatasetAlert> alerts(DatasetHealth health, TenantId tenant, String name) {
    try {
      return health.alerts(tenant, name, Instant.now()).stream()
          .map(a -> new DatasetAlert((String) a.get("kind"), (String) a.get("message")))
          .toList();
    } catch (RuntimeException e) {
      // One dataset whose table cannot be read must not take the whole list down with it.
      java.util.logging.Logger.getLogger(ConsoleDatasetHealth.class.getName())
          .log(java.util.logging.Level.WARNING, "Alerts of dataset " + name + " failed", e);
      return List.of(
          new DatasetAlert("unavailable", "The dataset's health could not be read just now."));
    }
  }

  // The health service answers in the API's JSON shape; the console wants typed figures.
  @SuppressWarnings("unchecked")
  private static DatasetQuality quality(Map<String, Object> out) {
    List<DatasetQuality.Column> columns =
        ((List<Map<String, Object>>) out.get("columns"))
            .stream()
                .map(
                    c ->
                        new DatasetQuality.Column(
                            (String) c.get("name"),
                            ((Number) c.get("nullRate")).doubleValue(),
                            text(c.get("min")),
                            text(c.get("max"))))
                .toList();
    Map<String, Long> failures = new LinkedHashMap<>();
    Object recorded = out.get("ruleFailures");
    if (recorded instanceof Map<?, ?> map) {
      map.forEach((k, v) -> failures.put(String.valueOf(k), ((Number) v).longValue()));
    }
    Object version = out.get("version");
    return new DatasetQuality(
        version == null ? null : ((Number) version).longValue(),
        ((Number) out.get("rows")).longValue(),
        columns,
        failures);
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
