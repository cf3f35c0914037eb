package io.millwright.server.datasets;

import io.millwright.server.datasets.maintenance.Compaction;
import io.millwright.server.datasets.maintenance.OrphanFiles;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.tenants.Tenant;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps every dataset within its policies without anyone asking: every pass expires the versions
 * the retention policy no longer keeps (and deletes the files only they held), and merges small
 * files once a version has gathered enough of them that reads slow down (frequent connector commits
 * make many). Both are the same operations as the API's, audited as the platform's maintenance when
 * they change something. Two nodes running a pass at once are harmless: expiry is idempotent, and a
 * compaction that loses the race fails its commit and is retried next pass.
 */
@ApplicationScoped
public class ScheduledMaintenance {

  private static final Logger LOG = Logger.getLogger(ScheduledMaintenance.class.getName());
  static final Caller MAINTENANCE =
      new Caller("system:maintenance", "platform maintenance", null, Set.of(), Set.of());

  @Inject TenantRegistry registry;
  @Inject Datasets datasets;
  @Inject DatasetMaintenance maintenance;

  @Resource(lookup = "concurrent/millwright-scheduler")
  ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "millwright.datasets.maintenance-interval", defaultValue = "PT1H")
  Duration interval;

  /**
   * How old an unreferenced file must be before a pass deletes it: older than any write still in
   * progress can be.
   */
  @Inject
  @ConfigProperty(name = "millwright.datasets.orphan-min-age", defaultValue = "P3D")
  Duration orphanMinAge;

  @Inject DatasetTables tables;
  @Inject io.millwright.server.audit.AuditTrail audit;

  /** Small files a version may gather before a pass merges them. */
  @Inject
  @ConfigProperty(name = "millwright.datasets.compact-min-files", defaultValue = "16")
  int compactMinFiles;

  /** What a pass did. */
  public record Pass(
      int tenants,
      int datasets,
      int versionsExpired,
      int filesDeleted,
      int compacted,
      int orphansDeleted,
      int failed) {}

  public void schedule() {
    long every = Math.max(1000, interval.toMillis());
    scheduler.scheduleWithFixedDelay(
        () -> {
          Pass pass = runOnce();
          if (pass.versionsExpired() + pass.compacted() + pass.orphansDeleted() + pass.failed()
              > 0) {
            LOG.info(() -> "Dataset maintenance: " + pass);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /** One pass over every active tenant's datasets; a failing dataset is retried next pass. */
  public synchronized Pass runOnce() {
    List<Tenant> tenants = new ArrayList<>();
    try {
      tenants.addAll(registry.list(TenantStatus.ACTIVE, null, 0, 100_000));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dataset maintenance could not list tenants; will retry", e);
      return new Pass(0, 0, 0, 0, 0, 0, 1);
    }
    // datasets, versions expired, files deleted, compacted, failed, orphans deleted
    int[] counts = new int[6];
    for (Tenant tenant : tenants) {
      List<Dataset> all;
      try {
        all = datasets.list(tenant.id());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Dataset maintenance of tenant " + tenant.id() + " failed", e);
        counts[4]++;
        continue;
      }
      for (Dataset d : all) {
        counts[0]++;
        try {
          maintain(tenant.id(), d, counts);
        } catch (RuntimeException e) {
          counts[4]++;
          LOG.log(
              Level.WARNING,
              "Maintenance of dataset " + d.name() + " of tenant " + tenant.id() + " failed",
              e);
        }
      }
    }
    return new Pass(
        tenants.size(), counts[0], counts[1], counts[2], counts[3], counts[5], counts[4]);
  }

  void maintain(TenantId tenant, Dataset dataset, int[] counts) {
    RequestContext context = new RequestContext();
    context.begin("maintenance-" + UUID.randomUUID(), null);
    context.authenticate(MAINTENANCE);
    DatasetMaintenance.Outcome expired =
        maintenance.applyRetention(tenant, dataset.name(), MAINTENANCE, context, false);
    maintenance.deleteFiles(tenant, expired.obsoleteFiles());
    counts[1] += ((Number) expired.summary().get("versionsExpired")).intValue();
    counts[2] += expired.obsoleteFiles().size();
    if (Compaction.smallFiles(datasets.table(dataset)) >= compactMinFiles) {
      maintenance.compact(tenant, dataset.name(), MAINTENANCE, context);
      counts[3]++;
    }
    counts[5] += deleteOrphans(tenant, dataset, context);
  }

  /** Deletes the files no version refers to (a crashed upload's), once they are old enough. */
  int deleteOrphans(TenantId tenant, Dataset dataset, RequestContext context) {
    List<OrphanFiles.Listed> listed =
        tables.listTableFiles(tenant, dataset.id()).stream()
            .map(f -> new OrphanFiles.Listed(f.location(), f.modified()))
            .toList();
    OrphanFiles.Found found =
        OrphanFiles.find(
            datasets.table(dataset), listed, java.time.Instant.now().minus(orphanMinAge));
    if (found.refusal() != null) {
      LOG.warning(
          () ->
              "Orphan files of dataset "
                  + dataset.name()
                  + " of tenant "
                  + tenant
                  + " not deleted: "
                  + found.refusal());
      return 0;
    }
    if (found.orphans().isEmpty()) {
      return 0;
    }
    maintenance.deleteFiles(tenant, found.orphans());
    audit.appendInNewTransaction(
        tenant,
        io.millwright.server.audit.AuditEvent.success(
            MAINTENANCE,
            "dataset.orphans",
            dataset.name(),
            context,
            java.util.Map.of("filesDeleted", found.orphans().size())));
    return found.orphans().size();
  }
}
