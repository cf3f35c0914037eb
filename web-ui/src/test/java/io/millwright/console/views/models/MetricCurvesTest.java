package io.millwright.console.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.TrainingEpoch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricCurvesTest {

  private static TrainingEpoch epoch(int n, Double loss, Double validation) {
    Map<String, Double> metrics = new HashMap<>();
    if (loss != null) {
      metrics.put("loss", loss);
    }
    if (validation != null) {
      metrics.put("validation_loss", validation);
    }
    return new TrainingEpoch(n, metrics);
  }

  private static String points(String svg, String metric) {
    Matcher m =
        Pattern.compile("data-metric=\"" + metric + "\"[^>]*points=\"([^\"]*)\"").matcher(svg);
    assertThat(m.find()).as("a curve of %s in %s", metric, svg).isTrue();
    return m.group(1);
  }

  private static double[] point(String points, int index) {
    String[] xy = points.split(" ")[index].split(",");
    return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
  }

  @Test
  void drawsLossAndValidationLossAsOneLineEachWithAxesAndLegend() {
    String svg =
        MetricCurves.svg(List.of(epoch(1, 0.9, 1.0), epoch(2, 0.5, 0.7), epoch(3, 0.3, 0.6)), 10);

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(count(svg, "<polyline")).isEqualTo(2);
    assertThat(points(svg, "loss").split(" ")).hasSize(3);
    assertThat(points(svg, "validation_loss").split(" ")).hasSize(3);
    // legend, axis title, the planned last epoch on the x axis, the extremes on the y axis
    assertThat(svg)
        .contains(">loss<", ">validation loss<", ">epoch<", ">10<", ">1<", ">0.3<", ">1<");
    assertThat(svg).contains("aria-label=\"loss and validation loss per epoch: 3 of 10 epochs\"");
  }

  @Test
  void theXAxisRunsToThePlannedEpochsSoTheCurveGrowsAsTheRunGoes() {
    String early =
        points(MetricCurves.svg(List.of(epoch(1, 1.0, null), epoch(2, 0.5, null)), 11), "loss");
    double[] first = point(early, 0);
    double[] second = point(early, 1);
    assertThat(first[0]).isEqualTo(MetricCurves.LEFT);
    // epoch 2 of 11 lies a tenth of the way along the axis
    double plotWidth = MetricCurves.WIDTH - MetricCurves.RIGHT - MetricCurves.LEFT;
    assertThat(second[0])
        .isCloseTo(MetricCurves.LEFT + plotWidth / 10, org.assertj.core.data.Offset.offset(0.1));
    // the higher loss is drawn higher up (smaller y), at the top of the plot
    assertThat(first[1]).isEqualTo(MetricCurves.TOP);
    assertThat(second[1]).isEqualTo(MetricCurves.HEIGHT - MetricCurves.BOTTOM);
  }

  @Test
  void skipsValuesAModelTypeCouldNotCompute() {
    String svg = MetricCurves.svg(List.of(epoch(1, 0.8, null), epoch(2, 0.6, 0.9)), 2);
    assertThat(points(svg, "loss").split(" ")).hasSize(2);
    assertThat(points(svg, "validation_loss").split(" ")).hasSize(1);
  }

  @Test
  void aFlatCurveIsDrawnInsideThePlotNotOnItsEdge() {
    String svg = MetricCurves.svg(List.of(epoch(1, 0.5, null), epoch(2, 0.5, null)), null);
    double y = point(points(svg, "loss"), 0)[1];
    assertThat(y)
        .isStrictlyBetween(
            (double) MetricCurves.TOP, (double) MetricCurves.HEIGHT - MetricCurves.BOTTOM);
  }

  @Test
  void saysSoBeforeTheFirstEpoch() {
    assertThat(MetricCurves.svg(List.of(), 40))
        .contains("No epoch has finished yet")
        .doesNotContain("<polyline");
  }

  @Test
  void drawsOtherMetricsWhenATypeReportsNoLoss() {
    String svg =
        MetricCurves.svg(
            List.of(
                new TrainingEpoch(1, Map.of("reconstruction_error", 2.0)),
                new TrainingEpoch(2, Map.of("reconstruction_error", 1.0))),
            2);
    assertThat(points(svg, "reconstruction_error").split(" ")).hasSize(2);
    assertThat(svg).contains(">reconstruction error<");
  }

  @Test
  void escapesMetricNames() {
    String svg = MetricCurves.svg(List.of(new TrainingEpoch(1, Map.of("a<b\"", 1.0))), 1);
    assertThat(svg).contains("a&lt;b&quot;").doesNotContain("a<b");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
