package io.millwright.server.usage;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.metering.counter.WindowedUsageCounter;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Meters API requests per tenant ({@code api.requests}, category platform). Counting is a memory
 * increment on the request path; closed one-minute windows are flushed every 15 seconds and only
 * forgotten once committed, with deterministic event ids, so a failed flush is retried without loss
 * or double counting. At shutdown the current window is flushed as far as it has closed.
 */
@ApplicationScoped
public class ApiUsageMeter {

  private static final Logger LOG = Logger.getLogger(ApiUsageMeter.class.getName());
  public static final String METER = "api.requests";

  @Inject PlatformSettings settings;
  @Inject UsageRecorder recorder;

  @Resource(lookup = "concurrent/millwright-scheduler")
  ManagedScheduledExecutorService scheduler;

  private WindowedUsageCounter counter;

  @PostConstruct
  void init() {
    String node = settings.nodeId().replaceAll("[^A-Za-z0-9_.-]", "-");
    counter = new WindowedUsageCounter(node.length() > 32 ? node.substring(0, 32) : node);
  }

  public void countRequest(TenantId tenant) {
    counter.increment(tenant, METER, "request", UsageCategory.PLATFORM, 1);
  }

  public void schedule() {
    scheduler.scheduleWithFixedDelay(this::flush, 15, 15, TimeUnit.SECONDS);
  }

  /** Writes every closed window to the ledger, one transaction per tenant. */
  public void flush() {
    try {
      Map<TenantId, List<UsageEvent>> byTenant =
          counter.closedWindows(Instant.now()).stream()
              .collect(
                  Collectors.groupingBy(
                      UsageEvent::tenantId, LinkedHashMap::new, Collectors.toList()));
      byTenant.forEach(
          (tenant, events) -> {
            try {
              recorder.record(tenant, events);
              counter.acknowledge(events);
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "Usage flush for tenant " + tenant + " failed; will retry", e);
            }
          });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Usage flush failed; will retry", e);
    }
  }

  @PreDestroy
  void flushOnShutdown() {
    flush();
  }
}
