package io.millwright.plugin.api.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of a dataset by column, the way models consume them: numeric kinds as {@code double[]} (NaN
 * where the value is missing; timestamps as epoch seconds, booleans as 0 or 1), categories and text
 * as {@code String[]} (null where missing). Immutable: accessors return copies' views that callers
 * must not change.
 */
public final class DataBatch {

  private final List<Column> columns;
  private final int size;
  private final Map<String, double[]> numbers;
  private final Map<String, String[]> strings;

  private DataBatch(
      List<Column> columns,
      int size,
      Map<String, double[]> numbers,
      Map<String, String[]> strings) {
    this.columns = List.copyOf(columns);
    this.size = size;
    this.numbers = numbers;
    this.strings = strings;
  }

  public int size() {
    return size;
  }

  public List<Column> columns() {
    return columns;
  }

  public boolean has(String column) {
    return numbers.containsKey(column) || strings.containsKey(column);
  }

  /** A numeric column's values; do not modify. */
  public double[] numbers(String column) {
    double[] v = numbers.get(column);
    if (v == null) {
      throw new IllegalArgumentException("no numeric column " + column + " in " + columns);
    }
    return v;
  }

  /** A category or text column's values; do not modify. */
  public String[] strings(String column) {
    String[] v = strings.get(column);
    if (v == null) {
      throw new IllegalArgumentException("no category or text column " + column + " in " + columns);
    }
    return v;
  }

  /** The rows from {@code from} (inclusive) to {@code to} (exclusive) as a new batch. */
  public DataBatch slice(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    Map<String, double[]> n = new LinkedHashMap<>();
    numbers.forEach((k, v) -> n.put(k, Arrays.copyOfRange(v, from, to)));
    Map<String, String[]> s = new LinkedHashMap<>();
    strings.forEach((k, v) -> s.put(k, Arrays.copyOfRange(v, from, to)));
    return new DataBatch(columns, to - from, n, s);
  }

  public static Builder builder(List<Column> columns) {
    return new Builder(columns);
  }

  /** Adds rows one at a time; values may be numbers, booleans, instants, strings or null. */
  public static final class Builder {
    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();

    private Builder(List<Column> columns) {
      this.columns = List.copyOf(columns);
    }

    /** One row, its values in the order of the columns. */
    public Builder row(Object... values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(
            "a row of " + values.length + " values for " + columns.size() + " columns");
      }
      rows.add(values.clone());
      return this;
    }

    public int size() {
      return rows.size();
    }

    public DataBatch build() {
      int n = rows.size();
      Map<String, double[]> numbers = new LinkedHashMap<>();
      Map<String, String[]> strings = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        if (column.kind().numeric()) {
          double[] values = new double[n];
          for (int r = 0; r < n; r++) {
            values[r] = number(rows.get(r)[c], column);
          }
          numbers.put(column.name(), values);
        } else {
          String[] values = new String[n];
          for (int r = 0; r < n; r++) {
            Object v = rows.get(r)[c];
            values[r] = v == null ? null : v.toString();
          }
          strings.put(column.name(), values);
        }
      }
      return new DataBatch(columns, n, numbers, strings);
    }

    private static double number(Object v, Column column) {
      if (v == null) {
        return Double.NaN;
      }
      if (v instanceof Number x) {
        return x.doubleValue();
      }
      if (v instanceof Boolean b) {
        return b ? 1 : 0;
      }
      if (v instanceof Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
      }
      throw new IllegalArgumentException(
          "column " + column.name() + " (" + column.kind() + ") cannot hold " + v.getClass());
    }
  }
}
