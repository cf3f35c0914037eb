package io.millwright.model.text;

import io.millwright.model.support.Examples;
import java.util.Arrays;

/**
 * Encoded rows kept sparse (a text row has a few hundred non-zero features out of thousands), with
 * one target per row; made dense only a few rows at a time, for the network. Not thread-safe.
 */
final class SparseRows {

  /** The most entries one block can hold (array sizes). */
  static final long MAX_ENTRIES = Integer.MAX_VALUE - 8;

  private final long limit;
  private int rows;
  private int[] offsets = new int[17];
  private int[] index = new int[1024];
  private float[] value = new float[1024];
  private float[] targets = new float[16];

  /** Rows with at most {@link #MAX_ENTRIES} non-zero entries in all. */
  SparseRows() {
    this(MAX_ENTRIES);
  }

  /** Rows with at most this many non-zero entries in all (a memory budget). */
  SparseRows(long limit) {
    this.limit = Math.min(limit, MAX_ENTRIES);
  }

  int rows() {
    return rows;
  }

  /** Non-zero entries over all rows. */
  long entries() {
    return offsets[rows];
  }

  /**
   * Appends a row: its text vector and, from {@code base} on, the non-zeros of its dense extra
   * features ({@code extra[from, from + width)}; none when {@code extra} is null).
   *
   * @return false, adding nothing, when the row would pass the limit of entries
   */
  boolean add(TextHasher.Sparse text, float[] extra, int from, int width, int base, float target) {
    int nonZero = 0;
    if (extra != null) {
      for (int i = from; i < from + width; i++) {
        nonZero += extra[i] != 0 ? 1 : 0;
      }
    }
    int at = offsets[rows];
    long end = (long) at + text.size() + nonZero;
    if (end > limit) {
      return false;
    }
    if (end > index.length) {
      int grown = (int) Math.min(limit, Math.max(end, 2L * index.length));
      index = Arrays.copyOf(index, grown);
      value = Arrays.copyOf(value, grown);
    }
    if (rows == targets.length) {
      targets = Arrays.copyOf(targets, rows * 2);
      offsets = Arrays.copyOf(offsets, rows * 2 + 1);
    }
    System.arraycopy(text.index(), 0, index, at, text.size());
    System.arraycopy(text.value(), 0, value, at, text.size());
    at += text.size();
    if (extra != null) {
      for (int i = 0; i < width; i++) {
        float v = extra[from + i];
        if (v != 0) {
          index[at] = base + i;
          value[at] = v;
          at++;
        }
      }
    }
    targets[rows] = target;
    rows++;
    offsets[rows] = at;
    return true;
  }

  /**
   * Rows made dense, {@code order[from, to)} (or rows {@code from} to {@code to} when {@code order}
   * is null), as examples of {@code width} features.
   */
  Examples dense(int[] order, int from, int to, int width) {
    int n = to - from;
    float[] x = new float[n * width];
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      int row = order == null ? from + r : order[from + r];
      int base = r * width;
      for (int e = offsets[row]; e < offsets[row + 1]; e++) {
        x[base + index[e]] = value[e];
      }
      y[r] = targets[row];
    }
    return new Examples(x, y, n);
  }
}
