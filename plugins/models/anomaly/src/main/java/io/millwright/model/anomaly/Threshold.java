package io.millwright.model.anomaly;

import java.util.Arrays;
import java.util.Random;

/**
 * The anomaly threshold: a quantile of the training rows' reconstruction errors. Up to {@value
 * #SAMPLE} rows it is exact; beyond, it is the quantile of a uniform sample of that many errors
 * (reservoir sampling with a {@link Random} of the run's seed, so the same run gives the same
 * threshold), which bounds the memory at 8 MB whatever the number of rows.
 */
final class Threshold {

  static final int SAMPLE = 1_000_000;

  /** Never 0: a score divides by it. */
  static final double FLOOR = 1e-12;

  private final double[] sample;
  private final Random random;
  private long seen;

  Threshold(long seed) {
    this(seed, SAMPLE);
  }

  Threshold(long seed, int capacity) {
    this.sample = new double[capacity];
    this.random = new Random(seed ^ 0x7E5E_1D0AL);
  }

  void add(double error) {
    if (seen < sample.length) {
      sample[(int) seen] = error;
    } else {
      long j = (long) (random.nextDouble() * (seen + 1));
      if (j < sample.length) {
        sample[(int) j] = error;
      }
    }
    seen++;
  }

  long count() {
    return seen;
  }

  /**
   * The {@code q} quantile of the errors seen, interpolated linearly between the two nearest
   * (sorted) errors, as R's type 7 and NumPy's default; at least {@value #FLOOR}.
   */
  double quantile(double q) {
    int n = (int) Math.min(seen, sample.length);
    if (n == 0) {
      throw new IllegalStateException("no errors");
    }
    double[] sorted = Arrays.copyOf(sample, n);
    Arrays.sort(sorted);
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(n - 1, lo + 1);
    double value = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    return Math.max(FLOOR, value);
  }
}
