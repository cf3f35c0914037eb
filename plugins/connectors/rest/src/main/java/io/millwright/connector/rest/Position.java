package io.millwright.connector.rest;

import io.millwright.connector.rest.RestSettings.Pagination;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where reading stands, as the offset keeps it: which page request comes next (a page number, a
 * record offset, a cursor or a next link; the first page when none), how many records of that page
 * were already passed, and, for an incremental connection, the run's lower bound and the highest
 * value passed so far. For example:
 *
 * <pre>{"mode":"cursor","cursor":"c3RhcnQ9MjAw","skip":20,
 * "since":{"v":"2024-03-01T10:00:00Z","ties":["9f2c41d07a1b"]},"high":{"v":"2024-03-02T08:15:00Z"}}
 * </pre>
 *
 * @param page page mode: the page number, from 1
 * @param offset offset mode: the offset of the page's first record
 * @param cursor cursor mode: the cursor of the page, null for the first
 * @param link link mode: the page's URL as the API's next link gave it, null for the first
 * @param skip records of the page already passed (read, or left out as not newer)
 * @param pageSize page mode: the page size the page numbers were counted with
 * @param since the run's lower bound: null, or only records newer than it are passed
 * @param high the highest incremental value passed so far (null before any)
 */
record Position(
    Pagination mode,
    long page,
    long offset,
    String cursor,
    String link,
    int skip,
    int pageSize,
    Mark since,
    Mark high) {

  /** Records sharing the highest value that are remembered, so they are not read twice. */
  static final int MAX_TIES = 32;

  /**
   * An incremental value and the records that had exactly that value (short hashes). Past {@link
   * #MAX_TIES} such records, {@code allTies} says every record with exactly this value was read.
   */
  record Mark(String value, List<String> ties, boolean allTies) {

    Mark {
      ties = List.copyOf(ties);
    }

    static Mark of(String value, String hash) {
      return new Mark(value, List.of(hash), false);
    }

    /** Whether a record with this value and hash passes the bound: newer, or a tie not yet read. */
    boolean passes(String recordValue, String hash) {
      int c = Values.compare(recordValue, value);
      return c > 0 || c == 0 && !allTies && !ties.contains(hash);
    }

    /** This mark, or a higher one, after a record with this value and hash was passed. */
    Mark passing(String recordValue, String hash) {
      int c = Values.compare(recordValue, value);
      if (c > 0) {
        return of(recordValue, hash);
      }
      if (c < 0 || allTies || ties.contains(hash)) {
        return this;
      }
      if (ties.size() >= MAX_TIES) {
        return new Mark(value, List.of(), true);
      }
      List<String> more = new ArrayList<>(ties);
      more.add(hash);
      return new Mark(value, more, false);
    }
  }

  /** The first page of a run, with no bound. */
  static Position start(RestSettings s) {
    return new Position(s.pagination(), 1, 0, null, null, 0, s.pageSize(), null, null);
  }

  /** The first page of the next run: only records newer than the highest one passed. */
  Position nextRun() {
    Mark bound = high != null ? high : since;
    return new Position(mode, 1, 0, null, null, 0, pageSize, bound, bound);
  }

  Position skipping(int n) {
    return new Position(mode, page, offset, cursor, link, n, pageSize, since, high);
  }

  Position withHigh(Mark h) {
    return new Position(mode, page, offset, cursor, link, skip, pageSize, since, h);
  }

  Position nextPage() {
    return new Position(mode, page + 1, offset, cursor, link, 0, pageSize, since, high);
  }

  Position nextOffset(int read) {
    return new Position(mode, page, offset + read, cursor, link, 0, pageSize, since, high);
  }

  Position nextCursor(String c) {
    return new Position(mode, page, offset, c, link, 0, pageSize, since, high);
  }

  Position nextLink(String l) {
    return new Position(mode, page, offset, cursor, l, 0, pageSize, since, high);
  }

  /** Whether this is the first page of a run. */
  boolean first() {
    return page == 1 && offset == 0 && cursor == null && link == null;
  }

  /** "page 3", "offset 200", "cursor c3RhcnQ9…", "next link", "": for origins and status lines. */
  String where() {
    return switch (mode) {
      case PAGE -> "page " + page;
      case OFFSET -> "offset " + offset;
      case CURSOR -> cursor == null ? "first page" : "cursor " + shorten(cursor);
      case LINK -> link == null ? "first page" : "next link";
      case NONE -> "";
    };
  }

  private static String shorten(String s) {
    return s.length() <= 16 ? s : s.substring(0, 15) + "…";
  }

  // ---- as an offset ----------------------------------------------------------------------------

  Offset toOffset() throws ConnectorException {
    String text = write(true);
    if (text.length() > Offset.MAX_LENGTH) {
      // Forgetting the ties costs at most a few records read twice; the position is what matters.
      text = write(false);
    }
    if (text.length() > Offset.MAX_LENGTH) {
      throw ConnectorException.configuration(
          "The API's "
              + (mode == Pagination.LINK ? "next link" : "cursor")
              + " is too long to keep as the place to resume from ("
              + text.length()
              + " characters, at most "
              + Offset.MAX_LENGTH
              + ")");
    }
    return new Offset(text);
  }

  private String write(boolean withTies) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"mode\":");
    Json.quote(mode.label, sb);
    switch (mode) {
      case PAGE -> sb.append(",\"page\":").append(page).append(",\"size\":").append(pageSize);
      case OFFSET -> sb.append(",\"offset\":").append(offset);
      case CURSOR -> {
        if (cursor != null) {
          sb.append(",\"cursor\":");
          Json.quote(cursor, sb);
        }
      }
      case LINK -> {
        if (link != null) {
          sb.append(",\"link\":");
          Json.quote(link, sb);
        }
      }
      default -> {}
    }
    sb.append(",\"skip\":").append(skip);
    mark(sb, "since", since, withTies);
    mark(sb, "high", high, withTies);
    return sb.append('}').toString();
  }

  private static void mark(StringBuilder sb, String name, Mark m, boolean withTies) {
    if (m == null) {
      return;
    }
    sb.append(",\"").append(name).append("\":{\"v\":");
    Json.quote(m.value(), sb);
    if (m.allTies()) {
      sb.append(",\"allTies\":true");
    } else if (withTies && !m.ties().isEmpty()) {
      sb.append(",\"ties\":[");
      for (int i = 0; i < m.ties().size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Json.quote(m.ties().get(i), sb);
      }
      sb.append(']');
    }
    sb.append('}');
  }

  /**
   * The position an offset written by this connector stands for, checked against the configuration,
   * which may have changed since.
   */
  static Position of(Offset offset, RestSettings s) throws ConnectorException {
    if (offset == null) {
      return start(s);
    }
    Position p;
    try {
      if (!(Json.parse(offset.value()) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("not a JSON object");
      }
      Pagination mode = Pagination.of(string(map, "mode"));
      if (!mode.label.equals(string(map, "mode"))) {
        throw new IllegalArgumentException("no pagination mode");
      }
      if (mode != s.pagination()) {
        throw ConnectorException.configuration(
            "The saved offset was written for "
                + mode.label
                + " pagination, the configuration now says "
                + s.pagination().label
                + "; reset the connection's offset to read from the start");
      }
      int size = (int) number(map, "size", s.pageSize());
      if (mode == Pagination.PAGE && size != s.pageSize()) {
        throw ConnectorException.configuration(
            "The saved offset counts pages of "
                + size
                + " records, the configuration now says "
                + s.pageSize()
                + "; set the page size back or reset the connection's offset");
      }
      p =
          new Position(
              mode,
              number(map, "page", 1),
              number(map, "offset", 0),
              string(map, "cursor"),
              string(map, "link"),
              (int) number(map, "skip", 0),
              s.pageSize(),
              s.incremental() ? mark(map.get("since")) : null,
              s.incremental() ? mark(map.get("high")) : null);
    } catch (RuntimeException | Json.ParseException e) {
      throw ConnectorException.configuration(
          "The saved offset is not one this connector wrote ("
              + e.getMessage()
              + "); reset the connection's offset to read from the start");
    }
    if (p.page() < 1 || p.offset() < 0 || p.skip() < 0) {
      throw ConnectorException.configuration(
          "The saved offset has a negative position; reset the connection's offset");
    }
    return p;
  }

  private static Mark mark(Object o) {
    if (!(o instanceof Map<?, ?> m)) {
      return null;
    }
    if (!(m.get("v") instanceof String v)) {
      throw new IllegalArgumentException("a mark without a value");
    }
    LinkedHashSet<String> ties = new LinkedHashSet<>();
    if (m.get("ties") instanceof List<?> list) {
      for (Object t : list) {
        if (t instanceof String h) {
          ties.add(h);
        }
      }
    }
    return new Mark(v, List.copyOf(ties), Boolean.TRUE.equals(m.get("allTies")));
  }

  private static String string(Map<?, ?> map, String key) {
    Object v = map.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + " is not text");
    }
    return (String) v;
  }

  private static long number(Map<?, ?> map, String key, long absent) {
    Object v = map.get(key);
    if (v == null) {
      return absent;
    }
    if (!(v instanceof Long l)) {
      throw new IllegalArgumentException(key + " is not a whole number");
    }
    return l;
  }
}
