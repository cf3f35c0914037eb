package io.millwright.model.forecasting;

import io.millwright.plugin.api.model.ModelException;
import java.util.List;
import java.util.TreeSet;

/**
 * What the network sees for one position of a series, in this order: the target at each lag
 * (standardized with the training mean and standard deviation), the time of day and the position in
 * the week as sine and cosine (UTC), then the extra features as the encoder gives them.
 *
 * @param lags sorted, distinct, each at least 1
 * @param covariates the encoded width of the extra features
 */
record Inputs(List<Integer> lags, double mean, double std, int covariates) {

  /** Time of day and position in the week, each as sine and cosine. */
  static final int CALENDAR = 4;

  /** Rows a series must have beyond its largest lag to learn from. */
  static final int MIN_EXAMPLES = 20;

  static final double DAY = 86_400;
  static final double WEEK = 7 * DAY;

  Inputs {
    lags = List.copyOf(lags);
  }

  int width() {
    return lags.size() + CALENDAR + covariates;
  }

  int maxLag() {
    return lags.get(lags.size() - 1);
  }

  float scale(double value) {
    return (float) ((value - mean) / std);
  }

  double unscale(float output) {
    return output * std + mean;
  }

  /**
   * Writes the inputs of position {@code p} of a standardized series into {@code out}.
   *
   * @param scaled the series, standardized, with every value known up to {@code p - 1}
   * @param time the timestamp of position {@code p} (epoch seconds)
   * @param covariates encoded extra features, {@link #covariates} of them from {@code from}
   */
  void write(
      float[] scaled, int p, double time, float[] covariates, int from, float[] out, int offset) {
    int at = offset;
    for (int lag : lags) {
      out[at++] = scaled[p - lag];
    }
    double day = 2 * Math.PI * fraction(time, 0, DAY);
    // 1970-01-01 was a Thursday: three days on, the week starts on a Monday at 0.
    double week = 2 * Math.PI * fraction(time, 3 * DAY, WEEK);
    out[at++] = (float) Math.sin(day);
    out[at++] = (float) Math.cos(day);
    out[at++] = (float) Math.sin(week);
    out[at++] = (float) Math.cos(week);
    System.arraycopy(covariates, from, out, at, this.covariates);
  }

  private static double fraction(double time, double shift, double period) {
    double r = (time + shift) % period;
    return (r < 0 ? r + period : r) / period;
  }

  /**
   * The lags to learn from: the last {@code recent} steps; one season back when {@code season > 0};
   * and one week back when a season is one day and the series holds at least two weeks.
   *
   * @param length the training series' length in steps
   * @throws ModelException INVALID_INPUT when the series is too short for its lags
   */
  static List<Integer> choose(int recent, int season, double step, int length)
      throws ModelException {
    TreeSet<Integer> lags = new TreeSet<>();
    for (int i = 1; i <= recent; i++) {
      lags.add(i);
    }
    if (season > 0) {
      lags.add(season);
    }
    int largest = lags.last();
    if (length < largest + MIN_EXAMPLES) {
      throw ModelException.invalidInput(
          String.format(
              "the series is too short: %d steps of %s, and lags up to %d steps need at least %d"
                  + " (the largest lag + %d to learn from). Lower %s or %s, or train on more"
                  + " history",
              length,
              Durations.describe(step),
              largest,
              largest + MIN_EXAMPLES,
              MIN_EXAMPLES,
              ForecastMlpType.SEASON_LENGTH,
              ForecastMlpType.LAGS));
    }
    long weekly = 7L * season;
    if (season > 0 && season * step == DAY && length >= 2 * weekly) {
      lags.add((int) weekly);
    }
    return List.copyOf(lags);
  }
}
