package io.millwright.server.models.training;

import io.millwright.server.models.TrainingRun;
import io.millwright.tenancy.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order in which queued training runs get the platform's training slots, fair between tenants:
 * the next slot goes to the tenant with the fewest runs running (counting those ahead of it in this
 * order), then to the one that used the least CPU recently, then to the run queued first. A tenant
 * that queues twenty runs at once therefore takes turns with one that queues a single run, instead
 * of holding every slot until its backlog is gone.
 *
 * <p>Limits apply on top of the order: a tenant's own concurrency cap (its runs wait past it
 * without holding back others), the platform's total of concurrent training jobs, and for GPU runs
 * on a node with a GPU, the tenant's GPU concurrency: a run that asked for a GPU waits for one, a
 * run on {@code auto} takes a GPU when the tenant has one free and the CPU otherwise. On a node
 * without a GPU every run trains on the CPU.
 */
public final class FairShare {

  /** Where one queued run stands: its place in line (1 = next) and whether it may start now. */
  public record Place(int position, boolean startsNow, String reason, String device) {}

  /** What limits the platform and this node set. */
  public record Limits(
      int perTenant, int total, Map<TenantId, Integer> gpuSlots, boolean nodeHasGpu) {}

  private final Map<UUID, Place> places = new LinkedHashMap<>();

  private FairShare() {}

  /**
   * @param queue every tenant's queued and running runs
   * @param recentCpuSeconds CPU seconds each tenant's training used lately (missing = none)
   * @param limits the tenant cap, the platform total, each tenant's GPU concurrency when it may use
   *     a GPU now (missing = none), and whether this node has a GPU
   */
  public static FairShare of(
      List<TrainingRun> queue, Map<TenantId, Double> recentCpuSeconds, Limits limits) {
    int perTenant = limits.perTenant();
    int total = limits.total();
    FairShare share = new FairShare();
    Map<TenantId, Integer> running = new HashMap<>();
    Map<TenantId, Integer> onGpu = new HashMap<>();
    List<TrainingRun> waiting = new ArrayList<>();
    for (TrainingRun r : queue) {
      if (r.status().equals("running")) {
        running.merge(r.tenant(), 1, Integer::sum);
        if ("gpu".equals(r.device())) {
          onGpu.merge(r.tenant(), 1, Integer::sum);
        }
      } else if (r.status().equals("queued")) {
        waiting.add(r);
      }
    }
    int busy = running.values().stream().mapToInt(Integer::intValue).sum();
    int free = Math.max(0, total - busy);
    // Turns: each pick counts against its tenant, so the next pick favours the others.
    Map<TenantId, Integer> turns = new HashMap<>(running);
    Map<TenantId, Integer> admitted = new HashMap<>(running);
    Comparator<TrainingRun> next =
        Comparator.<TrainingRun>comparingInt(r -> turns.getOrDefault(r.tenant(), 0))
            .thenComparingDouble(r -> recentCpuSeconds.getOrDefault(r.tenant(), 0.0))
            .thenComparing(TrainingRun::queuedAt)
            .thenComparing(TrainingRun::id);
    int position = 0;
    while (!waiting.isEmpty()) {
      TrainingRun pick = waiting.stream().min(next).orElseThrow();
      waiting.remove(pick);
      turns.merge(pick.tenant(), 1, Integer::sum);
      position++;
      int ofTenant = admitted.getOrDefault(pick.tenant(), 0);
      boolean gpuFree =
          limits.nodeHasGpu()
              && onGpu.getOrDefault(pick.tenant(), 0)
                  < limits.gpuSlots().getOrDefault(pick.tenant(), 0);
      boolean waitsForGpu = "gpu".equals(pick.device()) && limits.nodeHasGpu() && !gpuFree;
      Place place;
      if (ofTenant >= perTenant) {
        place =
            new Place(
                position,
                false,
                running.getOrDefault(pick.tenant(), 0)
                    + " of the tenant's "
                    + perTenant
                    + " concurrent training jobs are running; this one starts when one ends",
                null);
      } else if (free == 0) {
        place =
            new Place(
                position,
                false,
                "all "
                    + total
                    + " training slots of the platform are busy; "
                    + (position - 1)
                    + " queued runs are ahead of this one (tenants with fewer running jobs go"
                    + " first)",
                null);
      } else if (waitsForGpu) {
        place =
            new Place(
                position,
                false,
                "the tenant's "
                    + limits.gpuSlots().getOrDefault(pick.tenant(), 0)
                    + " GPU jobs at a time are running; this one waits for a GPU",
                null);
      } else {
        free--;
        admitted.merge(pick.tenant(), 1, Integer::sum);
        boolean gpu = gpuFree && !"cpu".equals(pick.device());
        if (gpu) {
          onGpu.merge(pick.tenant(), 1, Integer::sum);
        }
        place = new Place(position, true, null, gpu ? "gpu" : "cpu");
      }
      share.places.put(pick.id(), place);
    }
    return share;
  }

  /** The run's place, or null when it is not queued. */
  public Place place(UUID run) {
    return places.get(run);
  }
}
