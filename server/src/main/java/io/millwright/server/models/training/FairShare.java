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
 * <p>Two limits apply on top of the order: a tenant's own concurrency cap (its runs wait past it
 * without holding back others), and the platform's total of concurrent training jobs.
 */
public final class FairShare {

  /** Where one queued run stands: its place in line (1 = next) and whether it may start now. */
  public record Place(int position, boolean startsNow, String reason) {}

  private final Map<UUID, Place> places = new LinkedHashMap<>();

  private FairShare() {}

  /**
   * @param queue every tenant's queued and running runs
   * @param recentCpuSeconds CPU seconds each tenant's training used lately (missing = none)
   * @param perTenant how many runs one tenant may have running at once
   * @param total how many runs the platform runs at once
   */
  public static FairShare of(
      List<TrainingRun> queue, Map<TenantId, Double> recentCpuSeconds, int perTenant, int total) {
    FairShare share = new FairShare();
    Map<TenantId, Integer> running = new HashMap<>();
    List<TrainingRun> waiting = new ArrayList<>();
    for (TrainingRun r : queue) {
      if (r.status().equals("running")) {
        running.merge(r.tenant(), 1, Integer::sum);
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
      Place place;
      if (ofTenant >= perTenant) {
        place =
            new Place(
                position,
                false,
                running.getOrDefault(pick.tenant(), 0)
                    + " of the tenant's "
                    + perTenant
                    + " concurrent training jobs are running; this one starts when one ends");
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
                    + " first)");
      } else {
        free--;
        admitted.merge(pick.tenant(), 1, Integer::sum);
        place = new Place(position, true, null);
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
