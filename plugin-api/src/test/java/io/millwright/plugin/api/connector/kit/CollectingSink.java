package io.millwright.plugin.api.connector.kit;

import io.millwright.plugin.api.connector.Acknowledgement;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.RecordSink;
import io.millwright.plugin.api.connector.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A sink that keeps what a streaming source delivers, and can acknowledge it like the host. */
public final class CollectingSink implements RecordSink {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final List<SourceRecord> records = new ArrayList<>();
  private final List<Acknowledgement> pending = new ArrayList<>();
  private volatile ConnectorException failure;

  @Override
  public void accept(SourceRecord record, Acknowledgement ack) {
    lock.lock();
    try {
      records.add(record);
      pending.add(ack);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void failed(ConnectorException cause) {
    failure = cause;
  }

  /** Waits until at least {@code count} records arrived, or the timeout passed. */
  public List<SourceRecord> awaitRecords(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (records.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        arrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return List.copyOf(records);
    } finally {
      lock.unlock();
    }
  }

  /** Acknowledges everything delivered so far, as the host does after a commit. */
  public void acknowledgeAll() throws ConnectorException {
    List<Acknowledgement> acks;
    lock.lock();
    try {
      acks = new ArrayList<>(pending);
      pending.clear();
    } finally {
      lock.unlock();
    }
    for (Acknowledgement ack : acks) {
      ack.acknowledge();
    }
  }

  public List<SourceRecord> records() {
    lock.lock();
    try {
      return List.copyOf(records);
    } finally {
      lock.unlock();
    }
  }

  public ConnectorException failure() {
    return failure;
  }
}
