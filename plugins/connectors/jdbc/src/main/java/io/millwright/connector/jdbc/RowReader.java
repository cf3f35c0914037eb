package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.SourceRecord;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the rows of one result into records. Everything that depends on the columns (names, kinds,
 * where the key and watermark are, the origin's text) is worked out once from the metadata, so a
 * row costs one getter per column, one array and one short string.
 */
final class RowReader {

  private final String[] names;
  private final ColumnKind[] kinds;
  private final int[] keyColumns;
  private final String[] keyPrefixes;
  private final int watermarkColumn;
  private final String label;

  /** The values of the row read last, or null before the first. */
  private Object[] last;

  private RowReader(
      String[] names, ColumnKind[] kinds, int[] keyColumns, int watermarkColumn, String label) {
    this.names = names;
    this.kinds = kinds;
    this.keyColumns = keyColumns;
    this.watermarkColumn = watermarkColumn;
    this.label = label;
    this.keyPrefixes = new String[keyColumns.length];
    for (int j = 0; j < keyColumns.length; j++) {
      keyPrefixes[j] = " " + names[keyColumns[j]] + "=";
    }
  }

  static RowReader of(ResultSetMetaData md, JdbcSettings settings)
      throws SQLException, ConnectorException {
    int n = md.getColumnCount();
    String[] names = new String[n];
    ColumnKind[] kinds = new ColumnKind[n];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      names[i] = md.getColumnLabel(i + 1);
      kinds[i] = ColumnKind.of(md, i + 1);
      if (!seen.add(names[i])) {
        throw ConnectorException.configuration(
            settings.label()
                + " has two columns named "
                + names[i]
                + "; give them distinct names (AS ...) in the query");
      }
    }
    int[] keys = new int[settings.keys().size()];
    for (int j = 0; j < keys.length; j++) {
      keys[j] = find(names, settings.keys().get(j), "Key column", settings);
    }
    int watermark =
        settings.watermark() == null
            ? -1
            : find(names, settings.watermark(), "Watermark column", settings);
    return new RowReader(names, kinds, keys, watermark, settings.label());
  }

  private static int find(String[] names, String wanted, String what, JdbcSettings settings)
      throws ConnectorException {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(wanted)) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(wanted)) {
        return i;
      }
    }
    throw ConnectorException.configuration(
        what
            + " "
            + wanted
            + " is not among the columns of "
            + settings.label()
            + ": "
            + String.join(", ", names));
  }

  String[] names() {
    return names.clone();
  }

  ColumnKind[] kinds() {
    return kinds.clone();
  }

  boolean isKey(int column) {
    for (int k : keyColumns) {
      if (k == column) {
        return true;
      }
    }
    return false;
  }

  /** Reads the current row. A value the driver cannot convert makes an unreadable record. */
  SourceRecord read(ResultSet rs) throws SQLException {
    Object[] r = new Object[kinds.length];
    int i = 0;
    try {
      for (; i < r.length; i++) {
        r[i] = ColumnKind.read(rs, i + 1, kinds[i]);
      }
    } catch (SQLException e) {
      if (SqlErrors.isConnectionLost(e)) {
        throw e;
      }
      return unreadable(rs, i, e);
    } catch (RuntimeException e) {
      return unreadable(rs, i, e);
    }
    last = r;
    // The record copies the values into its own map: this view spares building one more.
    return new SourceRecord(origin(r), new RowValues(names, r), null, null);
  }

  private String origin(Object[] r) {
    if (keyColumns.length == 1) {
      return label + keyPrefixes[0] + r[keyColumns[0]];
    }
    StringBuilder sb = new StringBuilder(label.length() + 16 * keyColumns.length);
    sb.append(label);
    for (int j = 0; j < keyColumns.length; j++) {
      sb.append(keyPrefixes[j]).append(r[keyColumns[j]]);
    }
    return sb.toString();
  }

  /**
   * A row with a value that cannot be read (a MariaDB zero date, a value out of range) is handed
   * over with its text, for the quarantine, and reading goes on; its key and watermark must still
   * be readable, since reading resumes after them.
   */
  private SourceRecord unreadable(ResultSet rs, int failed, Exception e) throws SQLException {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        raw.append(", ");
      }
      String text;
      try {
        text = rs.getString(i + 1);
      } catch (SQLException | RuntimeException ex) {
        text = "?";
      }
      raw.append(names[i]).append('=').append(text);
    }
    Object[] r = new Object[kinds.length];
    for (int k : keyColumns) {
      r[k] = ColumnKind.read(rs, k + 1, kinds[k]);
    }
    if (watermarkColumn >= 0) {
      r[watermarkColumn] = ColumnKind.read(rs, watermarkColumn + 1, kinds[watermarkColumn]);
    }
    last = r;
    String problem =
        "column "
            + names[failed]
            + " could not be read as "
            + kinds[failed].fieldType
            + ": "
            + e.getMessage();
    return SourceRecord.unreadable(origin(r), raw.toString(), problem);
  }

  /** Where the row read last stands in the keyset order, or null before any row. */
  Position lastPosition() throws ConnectorException {
    if (last == null) {
      return null;
    }
    Position.Value w = null;
    if (watermarkColumn >= 0) {
      w = value(watermarkColumn, "watermark");
    }
    List<Position.Value> keys = new ArrayList<>(keyColumns.length);
    for (int k : keyColumns) {
      keys.add(value(k, "key"));
    }
    return new Position(w, List.copyOf(keys));
  }

  private Position.Value value(int column, String what) throws ConnectorException {
    Object v = last[column];
    if (v == null) {
      throw ConnectorException.configuration(
          "The "
              + what
              + " column "
              + names[column]
              + " of "
              + origin(last)
              + " is NULL; the key columns must be a unique key without NULLs");
    }
    return new Position.Value(kinds[column], v);
  }
}
