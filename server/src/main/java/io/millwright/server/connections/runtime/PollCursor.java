package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads one commit's worth of records from a polling source: polls from the committed offset until
 * the source has nothing more or the cap is reached, handing records out one at a time so the
 * writer streams them. Remembers the offset after the last record handed out (what the commit
 * records) and whether the source said there is more (the next poll follows at once).
 */
final class PollCursor implements Iterator<SourceRecord> {

  /** A poll failed; carries the connector's own exception (its kind decides retry or pause). */
  static final class SourceFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient ConnectorException cause;

    SourceFailed(ConnectorException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }

  private final PollingSource source;
  private final long cap;
  private final int pollSize;
  private Offset offset;
  private List<SourceRecord> current = List.of();
  private int position;
  private boolean more = true;
  private long handedOut;
  private ConnectorException failure;

  /**
   * @param from the committed offset (null before the first commit)
   * @param cap at most this many records for this commit ({@link Long#MAX_VALUE}: all of them)
   */
  PollCursor(PollingSource source, Offset from, long cap, int pollSize) {
    this.source = source;
    this.offset = from;
    this.cap = cap;
    this.pollSize = pollSize;
  }

  /** Polls until a record is at hand or the source is drained; false when there is none. */
  @Override
  public boolean hasNext() {
    while (position >= current.size()) {
      if (!more || handedOut >= cap) {
        return false;
      }
      int ask = (int) Math.min(pollSize, cap - handedOut);
      Batch batch;
      try {
        batch = source.poll(offset, ask);
      } catch (ConnectorException e) {
        failure = e;
        throw new SourceFailed(e);
      }
      if (batch.records().size() > ask) {
        failure =
            ConnectorException.configuration(
                "the connector returned " + batch.records().size() + " records, " + ask + " asked");
        throw new SourceFailed(failure);
      }
      current = batch.records();
      position = 0;
      // The offset moves only when the batch's records are all handed out (see next()).
      pendingNext = batch.next();
      more = batch.more();
      if (current.isEmpty()) {
        // Progress without records (a page filtered empty, a header-only file) still counts; a
        // source that keeps saying "more" with nothing in it is polled a bounded number of times.
        offset = pendingNext;
        if (++emptyPolls >= MAX_EMPTY_POLLS) {
          more = false;
        }
      } else {
        emptyPolls = 0;
      }
    }
    return true;
  }

  private Offset pendingNext;
  private int emptyPolls;
  private static final int MAX_EMPTY_POLLS = 1000;

  @Override
  public SourceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourceRecord r = current.get(position++);
    handedOut++;
    if (position == current.size()) {
      offset = pendingNext;
    }
    return r;
  }

  /** The offset after the last whole batch handed out. */
  Offset offset() {
    return offset;
  }

  /** The source has more after this commit (poll again at once). */
  boolean more() {
    return more && (position >= current.size());
  }

  long handedOut() {
    return handedOut;
  }

  ConnectorException failure() {
    return failure;
  }
}
