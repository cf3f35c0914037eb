package io.millwright.server.datasets;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.server.tenants.Tenant;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Meters the bytes each tenant's datasets hold (the data files of every dataset's current version),
 * as byte-days: every pass samples the size and records it for its time bucket (an hour by default)
 * as {@code bytes × bucket / 1 day}, so a day's events add up to the day's average size. The event
 * id is the tenant's bucket, so a second pass in the same bucket is a duplicate and a missed pass
 * loses one sample, never double counts.
 */
@ApplicationScoped
public class StorageMeter {

  private static final Logger LOG = Logger.getLogger(StorageMeter.class.getName());
  public static final String METER = "dataset.bytes.stored";

  @Inject TenantRegistry registry;
  @Inject Datasets datasets;
  @Inject UsageRecorder usage;

  @Resource(lookup = "concurrent/millwright-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "millwright.datasets.storage-meter-interval", defaultValue = "PT1H")
  Duration interval;

  @Inject
  @ConfigProperty(name = "millwright.datasets.storage-meter-bucket", defaultValue = "PT1H")
  Duration bucket;

  public void schedule() {
    long every = Math.max(1000, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
  }

  /** One pass over every tenant that holds data; a failing tenant is retried next pass. */
  public void runOnce() {
    long size = Math.max(1000, bucket.toMillis());
    Instant start = Instant.ofEpochMilli(System.currentTimeMillis() / size * size);
    List<Tenant> tenants = new ArrayList<>();
    try {
      tenants.addAll(registry.list(TenantStatus.ACTIVE, null, 0, 100_000));
      tenants.addAll(registry.list(TenantStatus.SUSPENDED, null, 0, 100_000));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Storage metering could not list tenants; will retry", e);
      return;
    }
    for (Tenant tenant : tenants) {
      try {
        meter(tenant.id(), start, size);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Storage metering of tenant " + tenant.id() + " failed", e);
      }
    }
  }

  void meter(TenantId tenant, Instant bucketStart, long bucketMillis) {
    long bytes = 0;
    List<Dataset> all = datasets.list(tenant);
    for (Dataset d : all) {
      Table table = datasets.table(d);
      Snapshot current = table.currentSnapshot();
      if (current != null) {
        bytes += Long.parseLong(current.summary().getOrDefault("total-files-size", "0"));
      }
    }
    BigDecimal byteDays =
        BigDecimal.valueOf(bytes)
            .multiply(BigDecimal.valueOf(bucketMillis))
            .divide(BigDecimal.valueOf(86_400_000L), 9, RoundingMode.HALF_UP);
    usage.record(
        tenant,
        List.of(
            new UsageEvent(
                "storage:" + bucketStart,
                tenant,
                METER,
                byteDays,
                "byte-day",
                bucketStart,
                UsageCategory.STORAGE,
                null,
                Map.of("datasets", Integer.toString(all.size()), "bytes", Long.toString(bytes)))));
  }
}
