package io.millwright.connector.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * The statements of keyset pagination, never OFFSET: rows after a position, ordered by watermark
 * then key, at most a limit. The "after" comparison is spelled out so that MariaDB, MySQL and
 * PostgreSQL all read it and can use an index on the same columns:
 *
 * <pre>
 * w >= ? AND (w > ? OR (w = ? AND (k1 > ? OR (k1 = ? AND k2 > ?))))
 * </pre>
 *
 * <p>Identifiers are validated and quoted; every value is a bind parameter, the limit included.
 */
final class KeysetSql {

  /** The first read: no position yet. Parameter 1 is the limit. */
  final String first;

  /**
   * A read after a position. Its parameters are the position's values in {@link #bindOrder}, then
   * the limit.
   */
  final String after;

  /** For each parameter of {@link #after} but the limit: the index into the position's columns. */
  final int[] bindOrder;

  /** Counts the rows (and, with a watermark, those it can read). */
  final String count;

  /** No rows, only the columns' metadata. */
  final String columnsOnly;

  KeysetSql(JdbcSettings settings) {
    Dialect d = settings.dialect();
    List<String> columns = new ArrayList<>();
    if (settings.watermark() != null) {
      columns.add(d.quote(settings.watermark()));
    }
    for (String k : settings.keys()) {
      columns.add(d.quote(k));
    }
    String from = "SELECT * FROM " + settings.from();
    String orderBy = " ORDER BY " + String.join(", ", columns) + " LIMIT ?";

    // Rows without a watermark cannot be placed in the order: they are never read.
    String notNull =
        settings.watermark() == null ? "" : " WHERE " + columns.get(0) + " IS NOT NULL";
    this.first = from + notNull + orderBy;

    StringBuilder where = new StringBuilder();
    List<Integer> order = new ArrayList<>();
    if (columns.size() > 1) {
      // Redundant, but it gives every optimizer a plain range on the leading index column.
      where.append(columns.get(0)).append(" >= ? AND ");
      order.add(0);
    }
    greaterThan(columns, 0, where, order);
    this.after = from + " WHERE " + where + orderBy;
    this.bindOrder = order.stream().mapToInt(Integer::intValue).toArray();

    this.count =
        "SELECT COUNT(*)"
            + (settings.watermark() == null ? "" : ", COUNT(" + columns.get(0) + ")")
            + " FROM "
            + settings.from();
    this.columnsOnly = from + " WHERE 1=0";
  }

  /** (c[i], c[i+1], ...) > (?, ?, ...), lexicographically. */
  private static void greaterThan(
      List<String> columns, int i, StringBuilder out, List<Integer> order) {
    String c = columns.get(i);
    if (i == columns.size() - 1) {
      out.append(c).append(" > ?");
      order.add(i);
      return;
    }
    out.append('(').append(c).append(" > ? OR (").append(c).append(" = ? AND ");
    order.add(i);
    order.add(i);
    greaterThan(columns, i + 1, out, order);
    out.append("))");
  }
}
