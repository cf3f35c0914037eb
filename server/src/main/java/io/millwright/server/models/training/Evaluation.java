package io.millwright.server.models.training;

import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingData;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's verdict on a trained model: its metrics on the held-out rows and, beside them, the
 * same metrics of the naive baseline (the majority class, the training mean, the last known value,
 * flagging nothing). Computed here, never by the plugin, so every model type is measured the same
 * way.
 */
public final class Evaluation {

  /**
   * @param primary the metric that ranks models of this task (gates, automatic search)
   * @param higherIsBetter whether a larger primary metric is better
   */
  public record Result(
      Map<String, Double> metrics,
      Map<String, Double> baseline,
      String primary,
      boolean higherIsBetter) {

    /** Whether this result's primary metric is strictly better than another's. */
    public boolean betterThan(Result other) {
      double a = metrics.get(primary);
      double b = other.metrics.get(primary);
      return higherIsBetter ? a > b : a < b;
    }

    /** Whether the model's primary metric is better than the baseline's. */
    public boolean beatsBaseline() {
      double m = metrics.get(primary);
      double b = baseline.get(primary);
      return higherIsBetter ? m > b : m < b;
    }
  }

  private Evaluation() {}

  public static String primaryMetric(Task task) {
    return switch (task) {
      case BINARY_CLASSIFICATION, MULTICLASS_CLASSIFICATION, TEXT_CLASSIFICATION -> "accuracy";
      case REGRESSION -> "rmse";
      case FORECASTING -> "mae";
      case ANOMALY_DETECTION -> "f1";
    };
  }

  public static boolean higherIsBetter(Task task) {
    return switch (task) {
      case REGRESSION, FORECASTING -> false;
      default -> true;
    };
  }

  public static Result evaluate(TrainedModel model, TrainingData data) throws ModelException {
    Task task = data.spec().task();
    String target = data.spec().target() == null ? null : data.spec().target().name();
    return switch (task) {
      case BINARY_CLASSIFICATION, MULTICLASS_CLASSIFICATION, TEXT_CLASSIFICATION ->
          classification(model, data, target, task);
      case REGRESSION, FORECASTING -> numeric(model, data, target, task);
      case ANOMALY_DETECTION -> anomalies(model, data, target, task);
    };
  }

  private static Result classification(
      TrainedModel model, TrainingData data, String target, Task task) throws ModelException {
    Map<String, Long> counts = new HashMap<>();
    for (DataBatch b : data.training()) {
      for (String label : b.strings(target)) {
        if (label != null) {
          counts.merge(label, 1L, Long::sum);
        }
      }
    }
    String majority =
        counts.entrySet().stream()
            .max(
                Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .orElse("");
    Confusion trained = new Confusion();
    Confusion naive = new Confusion();
    for (DataBatch b : data.validation()) {
      Predictions p = predictions(model, b);
      String[] truth = b.strings(target);
      for (int i = 0; i < truth.length; i++) {
        if (truth[i] == null) {
          continue;
        }
        trained.add(truth[i], p.label(i));
        naive.add(truth[i], majority);
      }
    }
    return new Result(trained.metrics(), naive.metrics(), primaryMetric(task), true);
  }

  private static Predictions predictions(TrainedModel m, DataBatch b) throws ModelException {
    Predictions p = m.predict(b);
    if (p.size() != b.size()) {
      throw ModelException.failed(
          "the model answered " + p.size() + " predictions for " + b.size() + " rows", null);
    }
    return p;
  }

  private static Result numeric(TrainedModel model, TrainingData data, String target, Task task)
      throws ModelException {
    double sum = 0;
    long n = 0;
    double last = Double.NaN;
    for (DataBatch b : data.training()) {
      for (double v : b.numbers(target)) {
        if (!Double.isNaN(v)) {
          sum += v;
          n++;
          last = v;
        }
      }
    }
    double naiveValue = task == Task.FORECASTING ? last : sum / Math.max(1, n);
    Errors m = new Errors();
    Errors naive = new Errors();
    for (DataBatch b : data.validation()) {
      Predictions p = predictions(model, b);
      double[] truth = b.numbers(target);
      for (int i = 0; i < truth.length; i++) {
        if (!Double.isNaN(truth[i])) {
          m.add(truth[i], p.value(i));
          naive.add(truth[i], naiveValue);
        }
      }
    }
    return new Result(m.metrics(), naive.metrics(), primaryMetric(task), false);
  }

  private static Result anomalies(TrainedModel model, TrainingData data, String target, Task task)
      throws ModelException {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long flagged = 0;
    long rows = 0;
    long known = 0;
    for (DataBatch b : data.validation()) {
      Predictions p = predictions(model, b);
      double[] truth = target == null ? null : b.numbers(target);
      for (int i = 0; i < b.size(); i++) {
        rows++;
        boolean f = p.flagged(i);
        flagged += f ? 1 : 0;
        if (truth != null && !Double.isNaN(truth[i])) {
          boolean actual = truth[i] > 0.5;
          known += actual ? 1 : 0;
          tp += actual && f ? 1 : 0;
          fp += !actual && f ? 1 : 0;
          fn += actual && !f ? 1 : 0;
        }
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Double> baseline = new LinkedHashMap<>();
    metrics.put("flaggedShare", rows == 0 ? 0 : (double) flagged / rows);
    baseline.put("flaggedShare", 0.0);
    if (target != null) {
      metrics.put("precision", tp + fp == 0 ? 0 : (double) tp / (tp + fp));
      metrics.put("recall", known == 0 ? 0 : (double) tp / known);
      metrics.put("f1", tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn));
      baseline.put("precision", 0.0);
      baseline.put("recall", 0.0);
      baseline.put("f1", 0.0);
      return new Result(metrics, baseline, "f1", true);
    }
    return new Result(metrics, baseline, "flaggedShare", false);
  }

  /** Counts of (truth, predicted) pairs: accuracy and macro F1. */
  static final class Confusion {
    private final Map<String, long[]> perClass = new HashMap<>(); // tp, fp, fn
    private final Set<String> classes = new TreeSet<>();
    private long right;
    private long total;

    void add(String truth, String predicted) {
      classes.add(truth);
      total++;
      if (truth.equals(predicted)) {
        right++;
        perClass.computeIfAbsent(truth, k -> new long[3])[0]++;
      } else {
        perClass.computeIfAbsent(predicted, k -> new long[3])[1]++;
        perClass.computeIfAbsent(truth, k -> new long[3])[2]++;
      }
    }

    Map<String, Double> metrics() {
      double f1 = 0;
      for (String c : classes) {
        long[] k = perClass.getOrDefault(c, new long[3]);
        f1 += k[0] == 0 ? 0 : 2.0 * k[0] / (2.0 * k[0] + k[1] + k[2]);
      }
      Map<String, Double> m = new LinkedHashMap<>();
      m.put("accuracy", total == 0 ? 0 : (double) right / total);
      m.put("macroF1", classes.isEmpty() ? 0 : f1 / classes.size());
      return m;
    }
  }

  /** Squared and absolute errors: RMSE, MAE and R². */
  static final class Errors {
    private double squared;
    private double absolute;
    private double sum;
    private double sumSquares;
    private long n;

    void add(double truth, double predicted) {
      double d = predicted - truth;
      squared += d * d;
      absolute += Math.abs(d);
      sum += truth;
      sumSquares += truth * truth;
      n++;
    }

    Map<String, Double> metrics() {
      Map<String, Double> m = new LinkedHashMap<>();
      double variance = n == 0 ? 0 : sumSquares - sum * sum / n;
      m.put("rmse", n == 0 ? 0 : Math.sqrt(squared / n));
      m.put("mae", n == 0 ? 0 : absolute / n);
      m.put("r2", variance <= 0 ? 0 : 1 - squared / variance);
      return m;
    }
  }
}
