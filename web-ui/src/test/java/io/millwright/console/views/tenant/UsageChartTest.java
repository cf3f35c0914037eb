package io.millwright.console.views.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.UsageRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageChartTest {

  private final LocalDate from = LocalDate.of(2026, 11, 1);
  private final LocalDate to = LocalDate.of(2026, 11, 3);

  @Test
  void drawsOnePanelPerMeterAndOneBarPerDay() {
    String svg =
        UsageChart.svg(
            List.of(
                new UsageRow("api.requests", from, new BigDecimal("10"), "request"),
                new UsageRow("api.requests", to, new BigDecimal("5"), "request"),
                new UsageRow("storage.bytes", from, new BigDecimal("2048"), "byte")),
            from,
            to);

    assertThat(svg).startsWith("<svg").endsWith("</svg>");
    assertThat(count(svg, "<rect")).isEqualTo(6); // 2 meters × 3 days
    assertThat(svg).contains("api.requests (request)").contains("storage.bytes (byte)");
    // the tallest bar of a panel is the full panel height; the half-size bar half of it
    assertThat(svg)
        .contains("height=\"" + UsageChart.PANEL_HEIGHT + ".0\"")
        .contains("height=\"" + UsageChart.PANEL_HEIGHT / 2 + ".0\"");
  }

  @Test
  void saysSoWhenThereIsNoUsage() {
    assertThat(UsageChart.svg(List.of(), from, to))
        .contains("No usage in this period")
        .doesNotContain("<rect");
  }

  @Test
  void escapesMeterNames() {
    String svg =
        UsageChart.svg(List.of(new UsageRow("a<b", from, BigDecimal.ONE, "x&y")), from, to);
    assertThat(svg).contains("a&lt;b (x&amp;y)").doesNotContain("a<b");
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
