package io.millwright.server.connections.runtime;

import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.datasets.ingest.RowSource;
import io.millwright.server.datasets.ingest.SourceRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Connector records as the rows of an upload, so they go through the same standardize, validate,
 * deduplicate and commit path as a file. Values become the text a file would hold (ISO dates and
 * timestamps, plain decimals); fields are columns in the order first seen. A record the connector
 * could not read becomes a broken row with its raw text, which the pipeline quarantines.
 */
final class RecordRows implements RowSource {

  private final Iterator<SourceRecord> records;
  private final List<String> columns = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private long read;
  private long bytes;

  RecordRows(Iterator<SourceRecord> records) {
    this.records = records;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public SourceRow next() throws IOException {
    if (!hasNext()) {
      return null;
    }
    SourceRecord r = records.next();
    read++;
    if (r.isUnreadable()) {
      String raw = r.raw() == null ? "" : r.raw();
      bytes += raw.length();
      return new SourceRow(read, List.of(raw), r.origin() + ": " + r.problem());
    }
    String[] cells = new String[Math.max(columns.size(), r.values().size())];
    for (Map.Entry<String, Object> e : r.values().entrySet()) {
      Integer at = index.get(e.getKey());
      if (at == null) {
        at = columns.size();
        columns.add(e.getKey());
        index.put(e.getKey(), at);
      }
      if (at >= cells.length) {
        cells = Arrays.copyOf(cells, columns.size());
      }
      String text = text(e.getValue());
      cells[at] = text;
      bytes += text == null ? 0 : text.length();
    }
    return new SourceRow(read, Arrays.asList(cells), null);
  }

  private boolean hasNext() throws IOException {
    try {
      return records.hasNext();
    } catch (PollCursor.SourceFailed e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The text a file would hold for a value. */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).toPlainString();
    }
    if (v instanceof Float f) {
      return BigDecimal.valueOf(f.doubleValue()).toPlainString();
    }
    if (v instanceof LocalDateTime t) {
      return localText(t);
    }
    if (v instanceof Instant
        || v instanceof LocalDate
        || v instanceof OffsetDateTime
        || v instanceof ZonedDateTime) {
      return v.toString();
    }
    return v.toString();
  }

  /**
   * A database DATETIME as "2024-03-01T10:15:00": always with seconds (LocalDateTime.toString drops
   * ":00"), so the standardizer reads it on its fixed-width fast path.
   */
  static String localText(LocalDateTime t) {
    if (t.getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
      return t.toString();
    }
    char[] c = "0000-00-00T00:00:00".toCharArray();
    put(c, 0, t.getYear(), 4);
    put(c, 5, t.getMonthValue(), 2);
    put(c, 8, t.getDayOfMonth(), 2);
    put(c, 11, t.getHour(), 2);
    put(c, 14, t.getMinute(), 2);
    put(c, 17, t.getSecond(), 2);
    return new String(c);
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  @Override
  public long rowsRead() {
    return read;
  }

  @Override
  public long blankLinesSkipped() {
    return 0;
  }

  @Override
  public long bytesRead() {
    return bytes;
  }

  @Override
  public void close() {}
}
