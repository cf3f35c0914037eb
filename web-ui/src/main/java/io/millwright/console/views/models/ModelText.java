package io.millwright.console.views.models;

import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.ModelVersionRow;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.ports.TrainingRunRow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How model pages write tasks, numbers, progress, metrics and lineage, the same on each of them.
 */
final class ModelText {

  private ModelText() {}

  static String utc(Instant time) {
    return time == null ? "" : time.toString().replace('T', ' ').substring(0, 19);
  }

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  /** A task for people, e.g. {@code binary-classification} as "Binary classification". */
  static String task(String task) {
    if (task == null) {
      return "";
    }
    return switch (task) {
      case "binary-classification" -> "Binary classification";
      case "multiclass-classification" -> "Multi-class classification";
      case "regression" -> "Regression";
      case "forecasting" -> "Forecasting";
      case "anomaly-detection" -> "Anomaly detection";
      case "text-classification" -> "Text classification";
      default -> task;
    };
  }

  /** A task with what it means, for the wizard's choice. */
  static String taskChoice(String task) {
    String what =
        switch (task) {
          case "binary-classification" -> "one of two classes";
          case "multiclass-classification" -> "one of three or more classes";
          case "regression" -> "a number";
          case "forecasting" -> "the next values of a series over time";
          case "anomaly-detection" -> "unusual rows";
          case "text-classification" -> "a class from free text";
          default -> "";
        };
    return what.isEmpty() ? task(task) : task(task) + ": " + what;
  }

  /** A figure with four significant digits in plain notation: 0.9125, 1234, 0.00012. */
  static String number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return "";
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Whether a value beats the baseline's, in the metric's direction. */
  static boolean beats(Double value, Double baseline, boolean higherIsBetter) {
    if (value == null || baseline == null) {
      return false;
    }
    return higherIsBetter ? value > baseline : value < baseline;
  }

  /** The primary metric beside the baseline, e.g. "accuracy 0.9125 vs 0.64 baseline". */
  static String versus(String metric, Map<String, Double> metrics, Map<String, Double> baseline) {
    if (metric == null || metrics == null || !metrics.containsKey(metric)) {
      return "";
    }
    Double b = baseline == null ? null : baseline.get(metric);
    return metric
        + " "
        + number(metrics.get(metric))
        + (b == null ? "" : " vs " + number(b) + " baseline");
  }

  /**
   * Which way a metric is better, by its name: errors and losses are better low, scores high. Only
   * for display; the platform's gates know the primary metric of each task.
   */
  static boolean higherIsBetter(String metric) {
    String m = metric.toLowerCase(Locale.ROOT);
    return !(m.contains("loss")
        || m.equals("rmse")
        || m.equals("mae")
        || m.equals("mse")
        || m.equals("mape")
        || m.contains("error"));
  }

  /** One metric of a finished run beside its baseline, for the run page's table. */
  record MetricLine(String metric, String value, String baseline, String verdict) {}

  static List<MetricLine> metricLines(TrainingRunDetail run) {
    List<MetricLine> lines = new ArrayList<>();
    run.metrics()
        .forEach(
            (metric, value) -> {
              Double b = run.baseline().get(metric);
              boolean higher =
                  metric.equals(run.primaryMetric())
                      ? run.higherIsBetter()
                      : higherIsBetter(metric);
              String verdict =
                  b == null
                      ? ""
                      : value.equals(b)
                          ? "same as baseline"
                          : beats(value, b, higher) ? "better" : "worse";
              lines.add(
                  new MetricLine(
                      metric.equals(run.primaryMetric()) ? metric + " (primary)" : metric,
                      number(value),
                      number(b),
                      verdict));
            });
    return lines;
  }

  /** Where a run stands, e.g. "Epoch 12 of 40". */
  static String progress(TrainingRunDetail run) {
    return progress(run.status(), run.epochs().size(), run.epochsPlanned());
  }

  static String progress(String status, int done, Integer planned) {
    if ("queued".equals(status)) {
      return "Waiting to start";
    }
    if (planned == null || planned == 0) {
      return done == 0 ? ("running".equals(status) ? "Preparing the data" : "") : done + " epochs";
    }
    return "Epoch " + done + " of " + planned;
  }

  /**
   * The progress bar's value from 0 to 1, or null for an indeterminate bar (a running run that has
   * not said how many epochs it plans). A run may stop early (early stopping): finished is full.
   */
  static Double progressValue(String status, int done, Integer planned) {
    if ("succeeded".equals(status)) {
      return 1.0;
    }
    if ("queued".equals(status)) {
      return 0.0;
    }
    if (planned == null || planned == 0) {
      return "running".equals(status) ? null : 0.0;
    }
    return Math.min(1.0, done / (double) planned);
  }

  /** Why a queued run waits, e.g. "Number 2 in the queue: waiting for a free job slot." */
  static String queue(TrainingRunDetail run) {
    if (!run.queued()) {
      return "";
    }
    String place =
        run.queuePosition() > 0 ? "Number " + run.queuePosition() + " in the queue" : "Queued";
    return place
        + (run.waitingReason() == null || run.waitingReason().isBlank()
            ? "."
            : ": " + run.waitingReason() + ".");
  }

  /** A run's outcome for the list: its version, its error, or where it stands. */
  static String result(TrainingRunRow run) {
    return switch (run.status()) {
      case "succeeded" ->
          run.modelVersion() == null ? "succeeded" : "version " + run.modelVersion();
      case "failed" -> run.error() == null ? "failed" : run.error();
      case "cancelled" -> "cancelled";
      default -> progress(run.status(), run.epochsDone(), run.epochsPlanned());
    };
  }

  /** How a version was made, enough to reproduce and trust it. */
  static String lineage(ModelVersionRow v) {
    StringBuilder s = new StringBuilder();
    s.append("Trained on ").append(v.dataset()).append('@').append(v.datasetVersion());
    s.append(" with ").append(v.modelType());
    if (v.modelTypeVersion() != null) {
      s.append(' ').append(v.modelTypeVersion());
    }
    if (v.plugin() != null) {
      s.append(" (plugin ")
          .append(v.plugin())
          .append(v.pluginVersion() == null ? "" : " " + v.pluginVersion())
          .append(')');
    }
    s.append(", seed ").append(v.seed());
    if (!v.hyperParameters().isEmpty()) {
      s.append(", ").append(settings(v.hyperParameters()));
    }
    s.append('.');
    if (!v.metrics().isEmpty()) {
      s.append(" Metrics: ").append(metrics(v.metrics(), v.baseline())).append('.');
    }
    if (v.runId() != null) {
      s.append(" Run ").append(v.runId()).append('.');
    }
    if (v.artifactSha256() != null) {
      s.append(" Artifact sha256 ").append(v.artifactSha256()).append('.');
    }
    return s.toString();
  }

  /** Hyperparameters as {@code epochs=40, hidden_layers=64,32}. */
  static String settings(Map<String, String> hyperParameters) {
    List<String> parts = new ArrayList<>();
    hyperParameters.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }

  /** Every metric with its baseline in brackets: {@code rmse 4.1 (baseline 9.8), mae 3.2 (…)}. */
  static String metrics(Map<String, Double> metrics, Map<String, Double> baseline) {
    List<String> parts = new ArrayList<>();
    metrics.forEach(
        (k, v) -> {
          Double b = baseline == null ? null : baseline.get(k);
          parts.add(k + " " + number(v) + (b == null ? "" : " (baseline " + number(b) + ")"));
        });
    return String.join(", ", parts);
  }

  /** A hyperparameter's help: what it does, what it takes and its default. */
  static String help(HyperParameterInfo h) {
    String about =
        h.description() == null || h.description().isBlank() ? "" : h.description().strip();
    if (!about.isEmpty() && !about.endsWith(".")) {
      about += ".";
    }
    String takes =
        switch (h.type()) {
          case INTEGER -> "A whole number" + range(h.min(), h.max());
          case DECIMAL -> "A number" + range(h.min(), h.max());
          case BOOLEAN -> "On or off";
          case CHOICE -> "One of " + String.join(" · ", h.choices());
        };
    return (about + " " + takes + "; default " + h.defaultValue() + ".").strip();
  }

  private static String range(Double min, Double max) {
    if (min != null && max != null) {
      return " from " + bound(min) + " to " + bound(max);
    }
    if (min != null) {
      return " of at least " + bound(min);
    }
    if (max != null) {
      return " of at most " + bound(max);
    }
    return "";
  }

  private static String bound(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A name as part of an element id: letters, digits, {@code -} and {@code _} only. */
  static String idPart(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
