package io.millwright.connector.rest;

import io.millwright.connector.rest.Position.Mark;
import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One connection's reader. A poll fetches pages from the offset's position on and hands out their
 * records, at most as many as asked; the offset says which page and how many of its records were
 * passed, so polling the same offset again fetches the same page and hands out the same records.
 *
 * <p>A run reads the collection page by page until a page is empty or the API says there is no next
 * page. Then, without an incremental field, the offset stays on that last page (past its records):
 * the next run fetches it again and continues with whatever was appended. With one, the next run
 * starts over at the first page, asking only for records newer than the highest value passed
 * ({@code sinceParam}), and leaves out those that are not newer.
 */
final class RestPollingSource implements PollingSource {

  /** A poll that has records stops after this many pages, so one poll stays short. */
  static final int MAX_PAGES_PER_POLL = 10;

  private final RestSettings s;
  private final ConnectorContext context;
  private final Http http;
  private final Pages pages;
  private final String where;
  private boolean warnedShrunk;
  private volatile boolean closed;

  RestPollingSource(
      RestSettings s, ConnectorContext context, Backoff backoff, java.time.Clock clock) {
    this.s = s;
    this.context = context;
    this.http = new Http(s, backoff, s.maxRetries(), context.log(), clock);
    this.pages = new Pages(s, http);
    this.where = s.where();
  }

  @Override
  public synchronized Batch poll(Offset after, int maxRecords) throws ConnectorException {
    if (closed) {
      throw new IllegalStateException("the source is closed");
    }
    Position at = Position.of(after, s);
    Offset same = after != null ? after : at.toOffset();
    if (maxRecords <= 0) {
      return new Batch(List.of(), same, false);
    }
    List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, 1024));
    boolean restarted = false;
    for (int fetched = 1; ; fetched++) {
      Pages.Page page = pages.fetch(at);
      List<Object> items = page.items();
      int i = at.skip();
      if (i > items.size()) {
        shrunk(at, items.size());
        i = items.size();
      }
      Mark high = at.high();
      String pageWhere = at.where();
      while (i < items.size() && out.size() < maxRecords) {
        Object item = items.get(i);
        SourceRecord record = Records.of(item, where, pageWhere, i);
        i++;
        if (s.incremental() && !record.isUnreadable()) {
          String value = Values.text(record.values().get(s.incrementalField()));
          if (value != null) {
            String hash = Values.hash(item);
            if (at.since() != null && !at.since().passes(value, hash)) {
              continue; // not newer than what an earlier run passed
            }
            high = high == null ? Mark.of(value, hash) : high.passing(value, hash);
          }
        }
        out.add(record);
      }
      at = at.skipping(i).withHigh(high);
      status(at, items.size(), out.size());
      if (i < items.size()) {
        return new Batch(out, at.toOffset(), true); // the batch is full, the page is not done
      }
      Position next = page.next();
      if (next == null) {
        // The end of the collection: this run is over.
        if (!s.incremental()) {
          return new Batch(out, at.toOffset(), false);
        }
        Position nextRun = at.nextRun();
        if (out.isEmpty() && !restarted && !at.first()) {
          // An empty batch does not move the host's offset, so a run that ends without records
          // would end again at every poll; the next run starts now instead.
          restarted = true;
          at = nextRun;
          continue;
        }
        return new Batch(out, nextRun.toOffset(), false);
      }
      at = next.withHigh(high);
      if (out.size() >= maxRecords || !out.isEmpty() && fetched >= MAX_PAGES_PER_POLL) {
        return new Batch(out, at.toOffset(), true);
      }
      // With nothing to hand out yet, keep going: an empty batch would not move the offset.
    }
  }

  private void shrunk(Position at, int size) {
    if (!warnedShrunk) {
      warnedShrunk = true;
      context.log().log(
          Level.WARNING,
          where
              + " "
              + at.where()
              + " now has "
              + size
              + " records, fewer than the "
              + at.skip()
              + " already read: records were removed from the collection. Without an"
              + " incremental field the collection must only grow.");
    }
  }

  private void status(Position at, int pageSize, int read) {
    String page = at.where();
    context.status(
        String.format(
            Locale.ROOT,
            "%s%s: %d records on the page, %d handed out in this poll",
            where,
            page.isEmpty() ? "" : " " + page,
            pageSize,
            read));
  }

  @Override
  public void close() {
    closed = true;
    http.close();
  }
}
