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
 * increment on the request path; closed windows ({@code millwright.metering.window}, a minute by
 * default) are flushed periodically ({@code millwright.metering.flush-interval}) and only forgotten
 * once committed, with deterministic event ids, so a failed flush is retried without loss or double
 * counting. At shutdown the still-open window is closed early and flushed too.
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
    // Unique per process: the shutdown flush closes the still-open window early, and a restart in
    // the same minute must not reuse that window's event id (it would be dropped as a duplicate).
    String host = settings.nodeId().replaceAll("[^A-Za-z0-9_.-]", "-");
    String process =
        (host.length() > 23 ? host.substring(0, 23) : host)
            + "-"
            + Long.toString(ProcessHandle.current().pid(), 36)
            + Long.toString(System.currentTimeMillis() / 1000 % 46656, 36);
    counter =
        new WindowedUsageCounter(process, settings.meteringWindow(), java.time.Clock.systemUTC());
  }

  public void countRequest(TenantId tenant) {
    counter.increment(tenant, METER, "request", UsageCategory.PLATFORM, 1);
  }

  public void schedule() {
    long every = settings.meteringFlushInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
  }

  /** Writes every closed window to the ledger, one transaction per tenant. */
  public void flush() {
    flush(Instant.now());
  }

  private void flush(Instant closeUpTo) {
    try {
      Map<TenantId, List<UsageEvent>> byTenant =
          counter.closedWindows(closeUpTo).stream()
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
    flush(Instant.now().plus(settings.meteringWindow()));
  }
}
