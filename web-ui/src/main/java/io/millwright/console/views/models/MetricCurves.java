package io.millwright.console.views.models;

import io.millwright.console.ports.TrainingEpoch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Draws a run's learning curves as an SVG line chart on the server (no frontend build is possible
 * here): one polyline per metric over the epochs, the x axis running to the planned epochs so the
 * chart fills as the run goes, the y axis labelled with the lowest, middle and highest value, and a
 * legend. Pure Java, so it is tested without a browser.
 */
public final class MetricCurves {

  public static final int WIDTH = 640;
  static final int HEIGHT = 280;
  static final int LEFT = 64;
  static final int RIGHT = 16;
  static final int TOP = 32;
  static final int BOTTOM = 44;

  /** The curves a person compares first: the loss it learns from, and on the held-out rows. */
  static final List<String> PREFERRED = List.of("loss", "validation_loss");

  /** Other metrics drawn when a model type reports neither loss. */
  static final int MAX_OTHER_CURVES = 4;

  private static final String[] COLOURS = {"#1676f3", "#e8710a", "#0f9d58", "#9334e6"};

  private MetricCurves() {}

  /**
   * The chart.
   *
   * @param planned the epochs the run plans, or null when not known yet
   */
  public static String svg(List<TrainingEpoch> epochs, Integer planned) {
    List<String> series = series(epochs);
    int last = epochs.stream().mapToInt(TrainingEpoch::epoch).max().orElse(0);
    int xMax = Math.max(Math.max(last, planned == null ? 0 : planned), 2);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"100%\" font-family=\"sans-serif\" aria-label=\"")
        .append(escape(description(series, last, planned)))
        .append("\">");
    double[] range = range(epochs, series);
    if (range == null) {
      svg.append("<text x=\"")
          .append(WIDTH / 2)
          .append("\" y=\"")
          .append(HEIGHT / 2)
          .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#667\">")
          .append(epochs.isEmpty() ? "No epoch has finished yet" : "No curve to draw")
          .append("</text></svg>");
      return svg.toString();
    }
    double yMin = range[0];
    double yMax = range[1];
    int plotBottom = HEIGHT - BOTTOM;
    int plotRight = WIDTH - RIGHT;
    // axes
    line(svg, LEFT, TOP, LEFT, plotBottom);
    line(svg, LEFT, plotBottom, plotRight, plotBottom);
    // y labels: lowest, middle, highest, with faint grid lines
    for (double v : new double[] {yMin, (yMin + yMax) / 2, yMax}) {
      double y = y(v, yMin, yMax);
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>",
              LEFT,
              y,
              plotRight,
              y,
              LEFT - 6,
              y + 4,
              escape(ModelText.number(v))));
    }
    // x labels: the first epoch, the middle and the last (planned) one
    List<Integer> ticks = new ArrayList<>(List.of(1));
    if (xMax > 2) {
      ticks.add((1 + xMax) / 2);
    }
    ticks.add(xMax);
    for (int tick : ticks) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
              x(tick, xMax),
              plotBottom + 16,
              tick));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">epoch</text>",
            (LEFT + plotRight) / 2.0,
            HEIGHT - 8));
    // curves, each with its last point marked, and the legend
    double legendX = LEFT;
    for (int i = 0; i < series.size(); i++) {
      String metric = series.get(i);
      String colour = COLOURS[i % COLOURS.length];
      List<String> points = new ArrayList<>();
      double lastX = 0;
      double lastY = 0;
      for (TrainingEpoch e : epochs) {
        Double v = e.metrics().get(metric);
        if (v == null || !Double.isFinite(v)) {
          continue;
        }
        lastX = x(e.epoch(), xMax);
        lastY = y(v, yMin, yMax);
        points.add(String.format(Locale.ROOT, "%.1f,%.1f", lastX, lastY));
      }
      if (points.isEmpty()) {
        continue;
      }
      svg.append("<polyline class=\"curve\" data-metric=\"")
          .append(escape(metric))
          .append("\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\" points=\"")
          .append(String.join(" ", points))
          .append("\"/>");
      svg.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>",
              lastX,
              lastY,
              colour));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"10\" width=\"14\" height=\"4\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"16\" font-size=\"12\">%s</text>",
              legendX,
              colour,
              legendX + 18,
              escape(label(metric))));
      legendX += 18 + 7.5 * label(metric).length() + 24;
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Which metrics get a curve: loss and validation loss when the model type reports them, otherwise
   * the first few it reports.
   */
  static List<String> series(List<TrainingEpoch> epochs) {
    Set<String> reported = new LinkedHashSet<>();
    epochs.forEach(e -> reported.addAll(e.metrics().keySet()));
    List<String> preferred = PREFERRED.stream().filter(reported::contains).toList();
    if (!preferred.isEmpty()) {
      return preferred;
    }
    return reported.stream().limit(MAX_OTHER_CURVES).toList();
  }

  /** The lowest and highest value drawn, padded so a flat curve does not sit on an axis. */
  static double[] range(List<TrainingEpoch> epochs, List<String> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (TrainingEpoch e : epochs) {
      for (String metric : series) {
        Double v = e.metrics().get(metric);
        if (v != null && Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return null;
    }
    if (min == max) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
      return new double[] {min - pad, max + pad};
    }
    return new double[] {min, max};
  }

  static double x(int epoch, int xMax) {
    return LEFT + (epoch - 1) / (double) (xMax - 1) * (WIDTH - RIGHT - LEFT);
  }

  static double y(double value, double yMin, double yMax) {
    return (HEIGHT - BOTTOM) - (value - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP);
  }

  /** A metric's name for people: {@code validation_loss} as {@code validation loss}. */
  static String label(String metric) {
    return metric.replace('_', ' ');
  }

  private static String description(List<String> series, int last, Integer planned) {
    String what =
        series.isEmpty()
            ? "Learning curves"
            : String.join(" and ", series.stream().map(MetricCurves::label).toList())
                + " per epoch";
    return what + ": " + last + (planned == null ? "" : " of " + planned) + " epochs";
  }

  private static void line(StringBuilder svg, int x1, int y1, int x2, int y2) {
    svg.append("<line x1=\"")
        .append(x1)
        .append("\" y1=\"")
        .append(y1)
        .append("\" x2=\"")
        .append(x2)
        .append("\" y2=\"")
        .append(y2)
        .append("\" stroke=\"#666\"/>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
