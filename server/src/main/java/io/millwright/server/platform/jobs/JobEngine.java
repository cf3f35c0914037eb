package io.millwright.server.platform.jobs;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Durable jobs on db-scheduler over PostgreSQL: every node runs an engine, a job is picked by
 * exactly one of them, heartbeats show it alive, and a job whose node died is revived elsewhere (or
 * on the same node after its restart). Jobs run on Liberty's managed executor (transactions, CDI),
 * never on db-scheduler's own threads. What runs is each {@link DurableJob} bean's business
 * (training runs, scheduled transforms); the engine only queues, picks and re-plans.
 */
@ApplicationScoped
public class JobEngine {

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  @Resource(lookup = "concurrent/millwright-jobs")
  ManagedExecutorService managed;

  @Inject @Any Instance<DurableJob> kinds;
  @Inject PlatformSettings settings;

  @Inject
  @ConfigProperty(name = "millwright.jobs.threads", defaultValue = "2")
  int threads;

  @Inject
  @ConfigProperty(name = "millwright.jobs.poll-interval", defaultValue = "PT2S")
  Duration pollInterval;

  @Inject
  @ConfigProperty(name = "millwright.jobs.heartbeat", defaultValue = "PT5S")
  Duration heartbeat;

  private final Map<String, CustomTask<String>> tasks = new LinkedHashMap<>();
  private Scheduler scheduler;
  private volatile boolean stopping;

  public synchronized void start() {
    for (DurableJob kind : kinds) {
      tasks.put(kind.kind(), task(kind));
    }
    scheduler =
        Scheduler.create(dataSource, new ArrayList<>(tasks.values()))
            .threads(threads)
            .executorService(new OnManagedThreads())
            .pollingInterval(pollInterval)
            .heartbeatInterval(heartbeat)
            .schedulerName(new SchedulerName.Fixed(settings.nodeId()))
            .enableImmediateExecution()
            .build();
    scheduler.start();
  }

  // The task data is the tenant id as text: what training runs have always been stored with.
  private CustomTask<String> task(DurableJob kind) {
    return Tasks.custom(kind.kind(), String.class)
        .onDeadExecutionRevive()
        .execute(
            (instance, context) -> {
              DurableJob.Next next =
                  kind.run(TenantId.parse(instance.getData()), instance.getId(), () -> stopping);
              if (next.at() == null) {
                return new CompletionHandler.OnCompleteRemove<>();
              }
              return (complete, operations) -> operations.reschedule(complete, next.at());
            });
  }

  /** Queues an execution to run as soon as a node has a free job thread. */
  public void submit(String kind, TenantId tenant, String key) {
    plan(kind, tenant, key, Instant.now());
  }

  /**
   * Makes the execution due at {@code at}: queued if it is not, moved if it waits. One that is
   * running keeps running; its kind decides what comes next when it ends.
   */
  public void plan(String kind, TenantId tenant, String key, Instant at) {
    CustomTask<String> task = task(kind);
    TaskInstanceId id = TaskInstanceId.of(kind, key);
    // Between any two of these calls another node may pick, finish or re-plan the execution.
    for (int attempt = 0; attempt < 5; attempt++) {
      if (scheduler.scheduleIfNotExists(task.instance(key, tenant.toString()), at)) {
        return;
      }
      Optional<ScheduledExecution<Object>> waiting = scheduler.getScheduledExecution(id);
      if (waiting.isPresent() && waiting.get().isPicked()) {
        return; // running: its kind plans what comes next when it ends
      }
      if (waiting.isPresent() && scheduler.reschedule(id, at)) {
        return;
      }
    }
    throw new IllegalStateException("could not plan job " + kind + " " + key);
  }

  /** Forgets a waiting execution; one that is running ends on its own. */
  public void cancel(String kind, String key) {
    TaskInstanceId id = TaskInstanceId.of(kind, key);
    boolean waiting = scheduler.getScheduledExecution(id).map(e -> !e.isPicked()).orElse(false);
    if (waiting) {
      scheduler.cancel(id);
    }
  }

  private CustomTask<String> task(String kind) {
    CustomTask<String> task = tasks.get(kind);
    if (task == null) {
      throw new IllegalArgumentException("no job kind " + kind + " (is the engine started?)");
    }
    return task;
  }

  public boolean stopping() {
    return stopping;
  }

  @PreDestroy
  synchronized void stop() {
    stopping = true;
    if (scheduler != null) {
      scheduler.stop();
    }
  }

  /**
   * The managed executor as db-scheduler wants an executor: Liberty forbids shutting a managed
   * executor down, so "shutdown" only stops taking work and waits for what is running.
   */
  private final class OnManagedThreads extends AbstractExecutorService {
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean shut;

    @Override
    public void execute(Runnable command) {
      if (shut) {
        throw new java.util.concurrent.RejectedExecutionException("job engine stopped");
      }
      running.incrementAndGet();
      managed.execute(
          () -> {
            try {
              command.run();
            } finally {
              synchronized (running) {
                running.decrementAndGet();
                running.notifyAll();
              }
            }
          });
    }

    @Override
    public void shutdown() {
      shut = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shut = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shut;
    }

    @Override
    public boolean isTerminated() {
      return shut && running.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      long deadline = System.nanoTime() + unit.toNanos(timeout);
      synchronized (running) {
        while (running.get() > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(running, left);
        }
      }
      return true;
    }
  }
}
