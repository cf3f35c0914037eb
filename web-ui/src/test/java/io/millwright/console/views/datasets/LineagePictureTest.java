package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.LineageGraph;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineagePictureTest {

  private final Instant at = Instant.parse("2026-11-29T10:00:00Z");

  private LineageGraph.Edge edge(String from, String to, String transform) {
    return new LineageGraph.Edge(from, 1, to, 2, transform, at);
  }

  @Test
  void drawsUpstreamLeftOfTheDatasetAndDownstreamRightWithNamedArrows() {
    LineageGraph graph =
        new LineageGraph(
            "daily_kwh",
            List.of("meter_readings", "sites"),
            List.of("monthly_kwh"),
            List.of(
                edge("meter_readings", "daily_kwh", "sum_per_day"),
                edge("sites", "daily_kwh", "sum_per_day"),
                edge("daily_kwh", "monthly_kwh", "sum_per_month")),
            List.of(new LineageGraph.Source("meter_readings", 1, "upload", "u-1", at)));

    String svg = LineagePicture.svg(graph);

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(count(svg, "<rect")).isEqualTo(4);
    assertThat(count(svg, "<line")).isEqualTo(3);
    assertThat(svg)
        .contains(">sum_per_day</text>")
        .contains(">sum_per_month</text>")
        .contains(">1 upload</text>");
    assertThat(LineagePicture.columns(graph))
        .containsEntry("meter_readings", -1)
        .containsEntry("sites", -1)
        .containsEntry("daily_kwh", 0)
        .containsEntry("monthly_kwh", 1);
    // left to right in the drawing: upstream box, then this one, then downstream
    assertThat(svg.indexOf(">meter_readings<")).isPositive();
    assertThat(x(svg, "meter_readings")).isLessThan(x(svg, "daily_kwh"));
    assertThat(x(svg, "daily_kwh")).isLessThan(x(svg, "monthly_kwh"));
  }

  @Test
  void aChainUpstreamGetsOneColumnPerStepSoEveryArrowPointsRight() {
    LineageGraph graph =
        new LineageGraph(
            "c",
            List.of("b", "a"),
            List.of(),
            List.of(edge("a", "b", "t1"), edge("b", "c", "t2"), edge("a", "c", "t3")),
            List.of());

    assertThat(LineagePicture.columns(graph))
        .containsEntry("a", -2)
        .containsEntry("b", -1)
        .containsEntry("c", 0);
  }

  @Test
  void aCycleDoesNotLoopAndEachDatasetIsDrawnOnce() {
    LineageGraph graph =
        new LineageGraph(
            "a",
            List.of("b"),
            List.of("b"),
            List.of(edge("a", "b", "forth"), edge("b", "a", "back"), edge("a", "a", "self")),
            List.of());

    String svg = LineagePicture.svg(graph);

    assertThat(count(svg, "<rect")).isEqualTo(2);
    assertThat(count(svg, "<line")).isEqualTo(2); // the self-read is only in the table
  }

  @Test
  void aDatasetWithoutTransformsIsOneBoxAndSaysSo() {
    String svg =
        LineagePicture.svg(
            new LineageGraph(
                "meter_readings",
                List.of(),
                List.of(),
                List.of(),
                List.of(
                    new LineageGraph.Source("meter_readings", 1, "upload", "u-1", at),
                    new LineageGraph.Source("meter_readings", 2, "replay", "u-2", at))));

    assertThat(count(svg, "<rect")).isEqualTo(1);
    assertThat(svg)
        .contains("No transform reads or writes this dataset yet")
        .contains(">1 upload · 1 replay</text>")
        .doesNotContain("<line");
  }

  @Test
  void escapesNamesAndShortensLongOnesKeepingTheFullNameInTheTitle() {
    String longName = "a_very_long_dataset_name_of_readings";
    String svg =
        LineagePicture.svg(
            new LineageGraph(
                longName,
                List.of("x<y"),
                List.of(),
                List.of(edge("x<y", longName, "a&b")),
                List.of()));

    assertThat(svg)
        .contains("x&lt;y")
        .contains("a&amp;b")
        .doesNotContain("x<y")
        .contains("<title>" + longName + "</title>")
        .contains(">a_very_long_dataset_n…</text>");
  }

  /** The x of the box drawn for a dataset. */
  private static int x(String svg, String name) {
    int title = svg.indexOf("<title>" + name + "</title>");
    int start = svg.indexOf("x=\"", title) + 3;
    return Integer.parseInt(svg.substring(start, svg.indexOf('"', start)));
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
