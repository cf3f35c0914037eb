package io.millwright.server.connections.runtime;

import io.millwright.server.connections.Schedule;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.ScheduledPollEndpoint;

/** Where a deployed connection's route starts: its source, polled or streaming. */
final class ConnectionEndpoint extends ScheduledPollEndpoint {

  final Running running;
  final IngestionRuntime runtime;

  ConnectionEndpoint(ConnectionComponent component, Running running, IngestionRuntime runtime) {
    super(ConnectionComponent.SCHEME + ":" + running.id, component);
    this.running = running;
    this.runtime = runtime;
  }

  @Override
  public Producer createProducer() {
    throw new UnsupportedOperationException("a connection is only read from");
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    Schedule schedule = running.connection.schedule();
    if (schedule.kind() == Schedule.Kind.STREAM) {
      return new StreamConsumer(this, processor);
    }
    PollConsumer consumer = new PollConsumer(this, processor);
    configureConsumer(consumer);
    consumer.setScheduledExecutorService(runtime.pollThreads());
    consumer.setGreedy(true);
    consumer.setInitialDelay(runtime.initialDelay().toMillis());
    if (schedule.kind() == Schedule.Kind.EVERY) {
      consumer.setDelay(schedule.every().toMillis());
    } else if (schedule.kind() == Schedule.Kind.CRON) {
      consumer.setScheduler(new CronPollScheduler(schedule, runtime.pollThreads()));
    } else {
      consumer.setStartScheduler(false); // manual: runs only when asked
      consumer.setDelay(Long.MAX_VALUE / 4);
    }
    return consumer;
  }

  @Override
  public boolean isSingleton() {
    return true;
  }
}
