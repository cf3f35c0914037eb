package io.millwright.server.connections.runtime;

import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Starts a polled connection's route on its schedule: each poll is one exchange, one commit. When
 * the source says there is more the consumer is greedy and polls again at once (a backfill); when
 * the route's retries are spent the run is recorded as failed.
 */
final class PollConsumer extends ScheduledPollConsumer {

  static final String TRIGGER = "millwright.trigger";

  private final ConnectionEndpoint endpoint;
  private final ReentrantLock polling = new ReentrantLock();
  private volatile String nextTrigger;

  PollConsumer(ConnectionEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
  }

  /**
   * Runs a poll now on the route's threads ("run now"), unless one is running.
   *
   * @return false when a run is in progress
   */
  boolean runNow() {
    if (polling.isLocked()) {
      return false;
    }
    nextTrigger = "manual";
    endpoint.runtime.pollThreads().execute(this::run);
    return true;
  }

  @Override
  protected int poll() throws Exception {
    if (!polling.tryLock()) {
      return 0;
    }
    try {
      String trigger = nextTrigger != null ? nextTrigger : "schedule";
      nextTrigger = null;
      Exchange exchange = createExchange(false);
      try {
        exchange.getIn().setHeader(TRIGGER, trigger);
        getProcessor().process(exchange);
        if (exchange.getException() != null) {
          endpoint.runtime.runFailed(endpoint.running, exchange.getException());
          return 0;
        }
        ConnectionWorker.Polled polled =
            exchange.getMessage().getBody(ConnectionWorker.Polled.class);
        // Greedy: a positive count makes Camel poll again at once, while the source has more.
        if (polled != null && polled.more()) {
          nextTrigger = trigger;
          return 1;
        }
        return 0;
      } finally {
        releaseExchange(exchange, false);
      }
    } finally {
      polling.unlock();
    }
  }
}
