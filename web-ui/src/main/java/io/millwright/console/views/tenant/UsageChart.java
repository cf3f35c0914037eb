package io.millwright.console.views.tenant;

import io.millwright.console.ports.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws usage per day as an SVG bar chart on the server (no frontend build is possible here): one
 * panel per meter, one bar per day, with the axis maximum and first/last day labelled. Pure Java,
 * so it is tested without a browser.
 */
public final class UsageChart {

  public static final int WIDTH = 720;
  static final int PANEL_HEIGHT = 120;
  private static final int LEFT = 70;
  private static final int TOP = 24;
  private static final int BOTTOM = 22;

  private UsageChart() {}

  public static String svg(List<UsageRow> rows, LocalDate from, LocalDate to) {
    Map<String, Map<LocalDate, BigDecimal>> byMeter = new TreeMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (UsageRow row : rows) {
      byMeter
          .computeIfAbsent(row.meter(), m -> new TreeMap<>())
          .merge(row.day(), row.quantity(), BigDecimal::add);
      units.put(row.meter(), row.unit());
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    int panelHeight = PANEL_HEIGHT + TOP + BOTTOM;
    int height = Math.max(1, byMeter.size()) * panelHeight;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"100%\" aria-label=\"")
        .append(escape("Usage per day from " + from + " to " + to))
        .append("\">");
    if (byMeter.isEmpty()) {
      svg.append("<text x=\"")
          .append(WIDTH / 2)
          .append("\" y=\"")
          .append(height / 2 + 40)
          .append("\" text-anchor=\"middle\" font-size=\"14\" fill=\"#667\">")
          .append("No usage in this period</text>");
    }
    int panel = 0;
    double barWidth = (WIDTH - LEFT - 10) / (double) Math.max(1, days.size());
    for (var meter : byMeter.entrySet()) {
      int top = panel++ * panelHeight + TOP;
      BigDecimal max =
          meter.getValue().values().stream().max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
      if (max.signum() == 0) {
        max = BigDecimal.ONE;
      }
      svg.append("<text x=\"0\" y=\"")
          .append(top - 8)
          .append("\" font-size=\"13\"" + " font-weight=\"600\">")
          .append(escape(meter.getKey() + " (" + units.get(meter.getKey()) + ")"))
          .append("</text>");
      svg.append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(top + 10)
          .append("\" font-size=\"11\" text-anchor=\"end\">")
          .append(escape(plain(max)))
          .append("</text>");
      svg.append("<line x1=\"")
          .append(LEFT)
          .append("\" y1=\"")
          .append(top + PANEL_HEIGHT)
          .append("\" x2=\"")
          .append(WIDTH - 10)
          .append("\" y2=\"")
          .append(top + PANEL_HEIGHT)
          .append("\" stroke=\"#999\"/>");
      for (int i = 0; i < days.size(); i++) {
        BigDecimal value = meter.getValue().getOrDefault(days.get(i), BigDecimal.ZERO);
        double h = value.doubleValue() / max.doubleValue() * PANEL_HEIGHT;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%.1f\" fill=\"#1676f3\"><title>%s: %s</title></rect>",
                LEFT + i * barWidth + 1,
                top + PANEL_HEIGHT - h,
                Math.max(1, barWidth - 2),
                h,
                days.get(i),
                escape(plain(value))));
      }
      svg.append("<text x=\"")
          .append(LEFT)
          .append("\" y=\"")
          .append(top + PANEL_HEIGHT + 16)
          .append("\" font-size=\"11\">")
          .append(from)
          .append("</text>");
      svg.append("<text x=\"")
          .append(WIDTH - 10)
          .append("\" y=\"")
          .append(top + PANEL_HEIGHT + 16)
          .append("\" font-size=\"11\" text-anchor=\"end\">")
          .append(to)
          .append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
