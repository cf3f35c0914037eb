package io.millwright.server.models.training;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.tenancy.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Durable jobs on db-scheduler over PostgreSQL: every node runs an engine, a job is picked by
 * exactly one of them, heartbeats show it alive, and a job whose node died is revived elsewhere (or
 * on the same node after its restart). Jobs run on Liberty's managed executor (transactions, CDI),
 * never on db-scheduler's own threads.
 */
@ApplicationScoped
public class JobEngine {

  static final String TRAINING = "training-run";

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  @Resource(lookup = "concurrent/millwright-jobs")
  ManagedExecutorService managed;

  @Inject TrainingJob training;
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

  private CustomTask<String> task;
  private Scheduler scheduler;
  private volatile boolean stopping;

  public synchronized void start() {
    task =
        Tasks.custom(TRAINING, String.class)
            .onDeadExecutionRevive()
            .execute(
                (instance, context) -> {
                  TrainingJob.Outcome outcome =
                      training.run(
                          TenantId.parse(instance.getData()),
                          UUID.fromString(instance.getId()),
                          () -> stopping);
                  if (outcome.retryAt() == null) {
                    return new CompletionHandler.OnCompleteRemove<>();
                  }
                  return (complete, operations) ->
                      operations.reschedule(complete, outcome.retryAt());
                });
    scheduler =
        Scheduler.create(dataSource, List.of(task))
            .threads(threads)
            .executorService(new OnManagedThreads())
            .pollingInterval(pollInterval)
            .heartbeatInterval(heartbeat)
            .schedulerName(new SchedulerName.Fixed(settings.nodeId()))
            .enableImmediateExecution()
            .build();
    scheduler.start();
  }

  /** Queues a training run; it starts when a node has a free job thread and admission allows. */
  public void submit(TenantId tenant, UUID run) {
    scheduler.schedule(task.instance(run.toString(), tenant.toString()), Instant.now());
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
