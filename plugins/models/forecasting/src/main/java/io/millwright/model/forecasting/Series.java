package io.millwright.model.forecasting;

import io.millwright.model.support.FeatureEncoder;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import java.util.Arrays;

/**
 * A target series on a regular grid of time steps, built from rows in time order.
 *
 * <p>The step is the median interval between consecutive rows. Each row lands on a grid position:
 * the previous row's plus its interval in whole steps (rounded), so calendar months (28 to 31 days)
 * or a clock change still count one step each, and a gap of missing rows leaves empty positions.
 * Two rows on one position (a duplicate timestamp) keep the later one. A series has no regular step
 * when more than {@value #MAX_OFF_GRID_SHARE} of its intervals are not within {@value #OFF_GRID} of
 * a whole number of steps, or when its rows fill less than {@value #MIN_COVERAGE} of the positions
 * between its first and last timestamp.
 *
 * <p>Per position it keeps the time (the row's own; in a gap, the previous position's plus a step),
 * the target (NaN where there is no row or no value) and the encoded extra features (the encoder's
 * missing fill in a gap).
 */
final class Series {

  /** More positions than this (rows and gaps) is refused: it would not fit in memory. */
  static final int MAX_STEPS = 5_000_000;

  /** An interval further than this from a whole number of steps is off the grid. */
  static final double OFF_GRID = 0.25;

  static final double MAX_OFF_GRID_SHARE = 0.1;
  static final double MIN_COVERAGE = 0.5;

  final double step;
  final double[] times;
  final double[] values;
  final float[] covariates;
  final int width;

  private Series(double step, double[] times, double[] values, float[] covariates, int width) {
    this.step = step;
    this.times = times;
    this.values = values;
    this.covariates = covariates;
    this.width = width;
  }

  int length() {
    return times.length;
  }

  double lastTime() {
    return times[times.length - 1];
  }

  /** Positions with a target value. */
  int observed() {
    int n = 0;
    for (double v : values) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    return n;
  }

  /**
   * The values with every missing one filled for use as a lag: the last known value before it, or
   * before the first known value, that first one.
   */
  double[] filled() {
    double[] out = values.clone();
    double last = Double.NaN;
    for (int i = 0; i < out.length; i++) {
      if (Double.isNaN(out[i])) {
        out[i] = last;
      } else {
        last = out[i];
      }
    }
    int first = 0;
    while (first < out.length && Double.isNaN(out[first])) {
      first++;
    }
    if (first < out.length) {
      Arrays.fill(out, 0, first, out[first]);
    }
    return out;
  }

  // ---- reading rows
  // ------------------------------------------------------------------------------

  /** The rows of batches that have a timestamp, in their order. */
  record Rows(double[] times, double[] values, float[] covariates, int count, int withoutTime) {}

  /**
   * Reads the time, target and encoded extra features of every row with a timestamp.
   *
   * @param encoder the extra features' encoder, or null when there are none
   */
  static Rows collect(
      Iterable<DataBatch> batches, String timeColumn, String target, FeatureEncoder encoder)
      throws ModelException {
    int width = encoder == null ? 0 : encoder.width();
    double[] times = new double[1024];
    double[] values = new double[1024];
    float[] covariates = new float[1024 * width];
    int count = 0;
    int withoutTime = 0;
    for (DataBatch batch : batches) {
      if (!batch.has(timeColumn)) {
        throw ModelException.invalidInput("the data has no time column " + timeColumn);
      }
      double[] t = batch.numbers(timeColumn);
      double[] y = batch.has(target) ? batch.numbers(target) : null;
      float[] x = encoder == null ? null : encoder.encode(batch);
      for (int r = 0; r < batch.size(); r++) {
        if (!Double.isFinite(t[r])) {
          withoutTime++;
          continue;
        }
        if (count == times.length) {
          if (count >= MAX_STEPS) {
            throw ModelException.invalidInput(
                "the series has more than " + MAX_STEPS + " rows, more than this model type takes");
          }
          times = Arrays.copyOf(times, count * 2);
          values = Arrays.copyOf(values, count * 2);
          covariates = Arrays.copyOf(covariates, count * 2 * width);
        }
        times[count] = t[r];
        values[count] = y != null && Double.isFinite(y[r]) ? y[r] : Double.NaN;
        if (width > 0) {
          System.arraycopy(x, r * width, covariates, count * width, width);
        }
        count++;
      }
    }
    return new Rows(times, values, covariates, count, withoutTime);
  }

  /**
   * The series' step: the median interval between consecutive rows (the lower median of the
   * positive ones).
   *
   * @throws ModelException INVALID_INPUT when the rows are not in time order, have fewer than two
   *     distinct timestamps, or no regular step
   */
  static double step(Rows rows) throws ModelException {
    double[] intervals = new double[Math.max(0, rows.count() - 1)];
    int n = 0;
    for (int i = 1; i < rows.count(); i++) {
      double d = rows.times()[i] - rows.times()[i - 1];
      if (d < 0) {
        throw ModelException.invalidInput(
            "the rows are not in time order: "
                + Durations.instant(rows.times()[i])
                + " comes after "
                + Durations.instant(rows.times()[i - 1]));
      }
      if (d > 0) {
        intervals[n++] = d;
      }
    }
    if (n == 0) {
      throw ModelException.invalidInput(
          "the series needs at least two different timestamps to have a step; it has "
              + rows.count()
              + " row(s)"
              + (rows.count() > 1 ? " at one time" : ""));
    }
    double[] sorted = Arrays.copyOf(intervals, n);
    Arrays.sort(sorted);
    double step = sorted[(n - 1) / 2];
    int off = 0;
    for (int i = 0; i < n; i++) {
      double ratio = intervals[i] / step;
      if (Math.abs(ratio - Math.rint(ratio)) > OFF_GRID) {
        off++;
      }
    }
    if (off > MAX_OFF_GRID_SHARE * n) {
      throw ModelException.invalidInput(
          String.format(
              "the series has no regular step: %d of its %d intervals between rows are not a whole"
                  + " number of the median interval (%s)",
              off, n, Durations.describe(step)));
    }
    return step;
  }

  /**
   * Places rows on the grid of a step, from the first row on.
   *
   * @param missingRow the encoded extra features of a row without values (filling gaps)
   * @throws ModelException INVALID_INPUT when gaps make the series too long or too sparse
   */
  static Series onGrid(Rows rows, double step, int width, float[] missingRow)
      throws ModelException {
    long[] positions = new long[rows.count()];
    for (int i = 1; i < rows.count(); i++) {
      positions[i] = positions[i - 1] + Math.round((rows.times()[i] - rows.times()[i - 1]) / step);
    }
    long length = rows.count() == 0 ? 0 : positions[rows.count() - 1] + 1;
    if (length > MAX_STEPS) {
      throw ModelException.invalidInput(
          String.format(
              "with its gaps the series spans %d steps of %s, more than the %d this model type"
                  + " takes",
              length, Durations.describe(step), MAX_STEPS));
    }
    Series series = empty(step, (int) length, width, missingRow);
    series.place(rows, positions, 0);
    int filled = 0;
    for (int i = 0; i < rows.count(); i++) {
      filled += i == 0 || positions[i] != positions[i - 1] ? 1 : 0;
    }
    if (filled < MIN_COVERAGE * length) {
      throw ModelException.invalidInput(
          String.format(
              "the series has no regular step: its %d rows fill only %d of the %d steps of %s"
                  + " between its first and last timestamp",
              rows.count(), filled, length, Durations.describe(step)));
    }
    return series;
  }

  /**
   * This series followed by more rows (the validation split), on the same grid. A row at or before
   * the last time kept so far (out of order, or a duplicate) is left out, and so is everything
   * beyond {@value #MAX_STEPS} positions.
   */
  Series append(Rows more, float[] missingRow) {
    int start = length();
    double previous = lastTime();
    long position = start - 1;
    long[] positions = new long[more.count()];
    double[] t = new double[more.count()];
    double[] y = new double[more.count()];
    float[] x = new float[more.count() * width];
    int kept = 0;
    for (int i = 0; i < more.count(); i++) {
      double time = more.times()[i];
      if (time <= previous) {
        continue;
      }
      long next = position + Math.max(1, Math.round((time - previous) / step));
      if (next >= MAX_STEPS) {
        break;
      }
      positions[kept] = next;
      t[kept] = time;
      y[kept] = more.values()[i];
      System.arraycopy(more.covariates(), i * width, x, kept * width, width);
      kept++;
      position = next;
      previous = time;
    }
    int length = (int) position + 1;
    Series out = empty(step, length, width, missingRow);
    System.arraycopy(times, 0, out.times, 0, start);
    System.arraycopy(values, 0, out.values, 0, start);
    System.arraycopy(covariates, 0, out.covariates, 0, start * width);
    out.place(new Rows(t, y, x, kept, 0), positions, start);
    return out;
  }

  private static Series empty(double step, int length, int width, float[] missingRow) {
    float[] covariates = new float[length * width];
    for (int p = 0; p < length && width > 0; p++) {
      System.arraycopy(missingRow, 0, covariates, p * width, width);
    }
    double[] values = new double[length];
    Arrays.fill(values, Double.NaN);
    double[] times = new double[length];
    Arrays.fill(times, Double.NaN);
    return new Series(step, times, values, covariates, width);
  }

  /** Puts rows on their positions (the later of two on one position wins), then fills gap times. */
  private void place(Rows rows, long[] positions, int from) {
    for (int i = 0; i < rows.count(); i++) {
      int p = (int) positions[i];
      times[p] = rows.times()[i];
      values[p] = rows.values()[i];
      System.arraycopy(rows.covariates(), i * width, covariates, p * width, width);
    }
    for (int p = Math.max(1, from); p < times.length; p++) {
      if (Double.isNaN(times[p])) {
        times[p] = times[p - 1] + step;
      }
    }
  }
}
