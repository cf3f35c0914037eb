package io.millwright.server.models.training;

import io.millwright.server.models.TrainingRun;
import io.millwright.server.models.TrainingRunStore;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.tenancy.Quotas;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides, for every node at once, whether a queued run may take a training slot now: under a
 * cluster-wide lock it reads the whole queue, orders it by {@link FairShare} and starts the run in
 * the same transaction when its turn has come, so two nodes can never both fill the last slot.
 */
@ApplicationScoped
public class Admission {

  /** How far back a tenant's CPU use counts against it when tenants tie on running jobs. */
  static final Duration RECENT = Duration.ofHours(24);

  @Inject TrainingRunStore runs;
  @Inject TenantRegistry tenants;
  @Inject NodeGpus gpus;

  @Inject
  @ConfigProperty(name = "millwright.training.cpu-jobs-per-tenant", defaultValue = "2")
  int cpuJobsPerTenant;

  /** Training jobs the whole platform (every node together) runs at once. */
  @Inject
  @ConfigProperty(name = "millwright.training.cpu-jobs-total", defaultValue = "4")
  int cpuJobsTotal;

  /**
   * Starts the run on this node when its turn has come.
   *
   * @return null when it started (or runs already), else why it waits; {@link #GONE} when it is no
   *     longer queued (cancelled meanwhile, or finished)
   */
  @Transactional
  public String admit(TrainingRun run, String node) {
    if (run.status().equals("running")) {
      // Picked up again after its node died: it already holds its slot (and device).
      String device = "gpu".equals(run.device()) && gpus.present() ? "gpu" : "cpu";
      return runs.start(run.tenant(), run.id(), node, device) ? null : GONE;
    }
    runs.lockQueue();
    if ("gpu".equals(run.device()) && gpuHoursLeft(run.tenant()) == null) {
      // Asked for a GPU, and the month's hours ran out while it waited: say so, never hang.
      runs.ended(
          run.tenant(),
          run.id(),
          "failed",
          "the tenant's GPU hours for this month are used up; start it again with device auto or"
              + " cpu to train on the CPU",
          0,
          0);
      return GONE;
    }
    FairShare.Place place = share().place(run.id());
    if (place == null) {
      return GONE;
    }
    if (!place.startsNow()) {
      runs.waiting(run.tenant(), run.id(), place.reason());
      return place.reason();
    }
    return runs.start(run.tenant(), run.id(), node, place.device()) ? null : GONE;
  }

  /** The run's place in line (1 = next), or 0 when it is not waiting. */
  @Transactional
  public int position(UUID run) {
    FairShare.Place place = share().place(run);
    return place == null ? 0 : place.position();
  }

  /** Training jobs one tenant may run at once. */
  public int perTenant() {
    return cpuJobsPerTenant;
  }

  /** Training jobs the whole platform runs at once. */
  public int slots() {
    return cpuJobsTotal;
  }

  private FairShare share() {
    List<TrainingRun> queue = runs.queueEverywhere();
    Map<TenantId, Integer> gpuSlots = new HashMap<>();
    boolean nodeHasGpu = gpus.present();
    if (nodeHasGpu) {
      for (TrainingRun r : queue) {
        if (!"cpu".equals(r.device()) && !gpuSlots.containsKey(r.tenant())) {
          Integer slots = gpuHoursLeft(r.tenant());
          gpuSlots.put(r.tenant(), slots == null ? 0 : slots);
        }
      }
    }
    return FairShare.of(
        queue,
        runs.recentCpuSeconds(RECENT),
        new FairShare.Limits(cpuJobsPerTenant, cpuJobsTotal, gpuSlots, nodeHasGpu));
  }

  /** The tenant's GPU concurrency when it has GPU hours left this month, else null. */
  private Integer gpuHoursLeft(TenantId tenant) {
    Quotas quotas = tenants.quotasOf(tenant).orElse(null);
    if (quotas == null || quotas.gpuConcurrency() == 0) {
      return null;
    }
    double used = runs.gpuSecondsThisMonth(tenant) / 3600;
    return used < quotas.gpuHoursPerMonth() ? quotas.gpuConcurrency() : null;
  }

  /** What {@link #admit} answers for a run that is no longer queued. */
  public static final String GONE = "gone";
}
