package io.millwright.console.views.datasets;

import io.millwright.console.ports.LineageGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Draws a dataset's lineage as an SVG picture on the server, left to right: the datasets it was
 * made from, the dataset itself, the datasets made from it, one box each, with an arrow per pair
 * labelled with the transforms between them. Pure Java, so it is tested without a browser.
 */
final class LineagePicture {

  static final int BOX_WIDTH = 180;
  static final int BOX_HEIGHT = 48;
  private static final int GAP = 130;
  private static final int ROW_GAP = 28;
  private static final int MARGIN = 16;
  private static final int NAME_LENGTH = 22;

  private LineagePicture() {}

  static String svg(LineageGraph graph) {
    Map<String, Integer> column = columns(graph);
    int leftmost = column.values().stream().min(Integer::compare).orElse(0);
    int rightmost = column.values().stream().max(Integer::compare).orElse(0);
    Map<Integer, List<String>> byColumn = new TreeMap<>();
    column.forEach((name, c) -> byColumn.computeIfAbsent(c, k -> new ArrayList<>()).add(name));
    byColumn.values().forEach(names -> names.sort(String::compareTo));
    int tallest = byColumn.values().stream().mapToInt(List::size).max().orElse(1);

    int width = 2 * MARGIN + (rightmost - leftmost + 1) * (BOX_WIDTH + GAP) - GAP;
    int height = 2 * MARGIN + tallest * (BOX_HEIGHT + ROW_GAP) - ROW_GAP + 20;
    Map<String, int[]> at = new LinkedHashMap<>(); // name → {x, y}
    byColumn.forEach(
        (c, names) -> {
          int x = MARGIN + (c - leftmost) * (BOX_WIDTH + GAP);
          // Shorter columns are centred against the tallest one.
          int top = MARGIN + (tallest - names.size()) * (BOX_HEIGHT + ROW_GAP) / 2;
          for (int i = 0; i < names.size(); i++) {
            at.put(names.get(i), new int[] {x, top + i * (BOX_HEIGHT + ROW_GAP)});
          }
        });

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(width)
        .append("\" aria-label=\"")
        .append(escape("Lineage of " + graph.dataset()))
        .append("\" font-family=\"sans-serif\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#556\"/></marker></defs>");
    arrows(graph).forEach((pair, transforms) -> arrow(svg, at, pair, transforms));
    at.forEach(
        (name, xy) -> box(svg, name, xy, name.equals(graph.dataset()), sources(graph, name)));
    if (column.size() == 1) {
      svg.append("<text x=\"")
          .append(MARGIN)
          .append("\" y=\"")
          .append(height - 4)
          .append("\" font-size=\"11\" fill=\"#667\">")
          .append("No transform reads or writes this dataset yet</text>");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * Each dataset's column: 0 for the dataset itself, -n for one n transforms upstream, +n for one n
   * downstream. The longest path decides, so every arrow between two upstream (or two downstream)
   * datasets points right; the bound on rounds keeps a cycle (a transform feeding an ancestor) from
   * looping.
   */
  static Map<String, Integer> columns(LineageGraph graph) {
    Map<String, Integer> column = new LinkedHashMap<>();
    column.put(graph.dataset(), 0);
    Set<String> up = new LinkedHashSet<>(graph.upstream());
    Set<String> down = new LinkedHashSet<>(graph.downstream());
    up.remove(graph.dataset());
    down.remove(graph.dataset());
    // In a cycle a dataset is both; it is drawn once, upstream.
    down.removeAll(up);
    up.forEach(n -> column.put(n, -1));
    down.forEach(n -> column.put(n, 1));
    int rounds = column.size();
    for (int round = 0; round < rounds; round++) {
      boolean moved = false;
      for (LineageGraph.Edge e : graph.edges()) {
        if (up.contains(e.from()) && column.containsKey(e.to()) && !down.contains(e.to())) {
          int wanted = column.get(e.to()) - 1;
          if (column.get(e.from()) > wanted) {
            column.put(e.from(), wanted);
            moved = true;
          }
        }
        if (down.contains(e.to()) && column.containsKey(e.from()) && !up.contains(e.from())) {
          int wanted = column.get(e.from()) + 1;
          if (column.get(e.to()) < wanted) {
            column.put(e.to(), wanted);
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return column;
  }

  /** One arrow per pair of datasets, labelled with the distinct transforms between them. */
  private static Map<List<String>, Set<String>> arrows(LineageGraph graph) {
    Map<List<String>, Set<String>> arrows = new LinkedHashMap<>();
    for (LineageGraph.Edge e : graph.edges()) {
      if (e.from().equals(e.to())) {
        continue; // a transform reading its own dataset: listed in the table, not drawn
      }
      Set<String> names = arrows.computeIfAbsent(List.of(e.from(), e.to()), k -> new TreeSet<>());
      if (e.transform() != null) {
        names.add(e.transform());
      }
    }
    return arrows;
  }

  private static void arrow(
      StringBuilder svg, Map<String, int[]> at, List<String> pair, Set<String> transforms) {
    int[] from = at.get(pair.get(0));
    int[] to = at.get(pair.get(1));
    if (from == null || to == null) {
      return;
    }
    boolean forward = from[0] < to[0];
    double x1 = forward ? from[0] + BOX_WIDTH : from[0] + BOX_WIDTH / 2.0;
    double y1 = forward ? from[1] + BOX_HEIGHT / 2.0 : from[1] + BOX_HEIGHT;
    double x2 = forward ? to[0] : to[0] + BOX_WIDTH / 2.0;
    double y2 = forward ? to[1] + BOX_HEIGHT / 2.0 : to[1];
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#556\""
                + " stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
            x1,
            y1,
            x2,
            y2));
    if (!transforms.isEmpty()) {
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\""
                      + " fill=\"#334\">",
                  (x1 + x2) / 2,
                  (y1 + y2) / 2 - 6))
          .append(escape(shorten(String.join(", ", transforms))))
          .append("</text>");
    }
  }

  /** What came into a dataset from outside, e.g. "2 uploads · 1 replay", or null for nothing. */
  static String sources(LineageGraph graph, String dataset) {
    Map<String, Long> byKind = new TreeMap<>(java.util.Comparator.reverseOrder());
    graph.sources().stream()
        .filter(s -> s.dataset().equals(dataset))
        .forEach(s -> byKind.merge(s.kind(), 1L, Long::sum));
    if (byKind.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    byKind.forEach((kind, n) -> parts.add(n + " " + kind + (n == 1 ? "" : "s")));
    return String.join(" · ", parts);
  }

  private static void box(StringBuilder svg, String name, int[] xy, boolean self, String uploads) {
    svg.append("<g class=\"dataset\"><title>")
        .append(escape(name))
        .append("</title><rect x=\"")
        .append(xy[0])
        .append("\" y=\"")
        .append(xy[1])
        .append("\" width=\"")
        .append(BOX_WIDTH)
        .append("\" height=\"")
        .append(BOX_HEIGHT)
        .append("\" rx=\"6\" fill=\"")
        .append(self ? "#1676f3" : "#eef2f8")
        .append("\" stroke=\"")
        .append(self ? "#0d5bc4" : "#8896ab")
        .append("\"/><text x=\"")
        .append(xy[0] + BOX_WIDTH / 2)
        .append("\" y=\"")
        .append(xy[1] + (uploads == null ? BOX_HEIGHT / 2 + 5 : BOX_HEIGHT / 2 - 2))
        .append("\" font-size=\"13\" font-weight=\"600\" text-anchor=\"middle\" fill=\"")
        .append(self ? "#fff" : "#1a2433")
        .append("\">")
        .append(escape(shorten(name)))
        .append("</text>");
    if (uploads != null) {
      svg.append("<text x=\"")
          .append(xy[0] + BOX_WIDTH / 2)
          .append("\" y=\"")
          .append(xy[1] + BOX_HEIGHT / 2 + 14)
          .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"")
          .append(self ? "#e6efff" : "#556")
          .append("\">")
          .append(escape(uploads))
          .append("</text>");
    }
    svg.append("</g>");
  }

  /** Long names would spill out of their box; the full name stays in the box's title. */
  private static String shorten(String text) {
    return text.length() <= NAME_LENGTH ? text : text.substring(0, NAME_LENGTH - 1) + "…";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
