package io.millwright.server.connections.runtime;

import io.millwright.server.connections.Schedule;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Runs a polled connection at the instants of its cron expression ("every weekday at 06:00"),
 * instead of Camel's fixed delay. Each fire computes the next one after it ends, so a long run
 * never overlaps the next, and a fire missed while the node was down is not made up in a burst: the
 * next poll reads everything since the committed offset anyway.
 */
final class CronPollScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

  private final Schedule schedule;
  private final ScheduledExecutorService threads;
  private CamelContext camelContext;
  private volatile Runnable task;
  private volatile ScheduledFuture<?> next;
  private volatile boolean started;

  CronPollScheduler(Schedule schedule, ScheduledExecutorService threads) {
    this.schedule = schedule;
    this.threads = threads;
  }

  @Override
  public void onInit(Consumer consumer) {}

  @Override
  public void scheduleTask(Runnable task) {
    this.task = task;
  }

  @Override
  public void unscheduleTask() {
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
    started = false;
  }

  @Override
  public void startScheduler() {
    started = true;
    planNext();
  }

  @Override
  public boolean isSchedulerStarted() {
    return started;
  }

  private void planNext() {
    if (!started || task == null) {
      return;
    }
    Instant now = Instant.now();
    Instant at = schedule.nextAfter(now);
    long delay = Math.max(0, at.toEpochMilli() - now.toEpochMilli());
    next = threads.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
  }

  private void fire() {
    try {
      task.run();
    } finally {
      planNext();
    }
  }

  @Override
  protected void doStop() {
    unscheduleTask();
  }

  @Override
  public void setCamelContext(CamelContext camelContext) {
    this.camelContext = camelContext;
  }

  @Override
  public CamelContext getCamelContext() {
    return camelContext;
  }
}
