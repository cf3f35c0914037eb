package io.millwright.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/** Shared bits of the benchmarks: they print figures and ratios and assert no time. */
final class Bench {

  private Bench() {}

  static boolean enabled() {
    return Boolean.getBoolean("benchmarks");
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double[] sortedCopy(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  /** Prints a result line and appends it to target/benchmarks.md for docs/benchmarks.md. */
  static void report(String line) {
    System.out.println("BENCHMARK " + line);
    try {
      Files.writeString(
          Path.of("target", "benchmarks.md"),
          line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String f(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.2f", value);
  }
}
