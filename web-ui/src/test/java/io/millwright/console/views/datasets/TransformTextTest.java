package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.TransformRow;
import io.millwright.console.ports.TransformRunOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransformTextTest {

  private static final Instant AT = Instant.parse("2026-11-01T08:00:03Z");

  @Test
  void theLastRunIsOneLine() {
    assertThat(TransformText.lastRun(null)).isEqualTo("never run");
    assertThat(
            TransformText.lastRun(
                new TransformRow.LastRun(AT, "succeeded", "120 rows written, 2 quarantined", 7L)))
        .isEqualTo(
            "succeeded 2026-11-01 08:00:03 UTC · 120 rows written, 2 quarantined · version 7");
    assertThat(TransformText.lastRun(new TransformRow.LastRun(AT, "failed", "no such table", null)))
        .isEqualTo("failed 2026-11-01 08:00:03 UTC: no such table");
  }

  @Test
  void theNextRunIsSaidOnlyWhenTheScheduleRunsIt() {
    assertThat(TransformText.nextRun(TransformsViewTest.transform("t", "manual", null))).isEmpty();
    assertThat(TransformText.nextRun(TransformsViewTest.transform("t", "every PT15M", null)))
        .isEqualTo("2026-11-30 08:15:00 UTC");
    assertThat(TransformText.nextRun(TransformsViewTest.transform("t", "every PT15M", "stop")))
        .isEqualTo("none while paused");
  }

  @Test
  void thePauseReadsAsOneSentence() {
    assertThat(TransformText.paused("paused after 3 failed runs in a row; the last said: x"))
        .isEqualTo("Paused after 3 failed runs in a row; the last said: x");
    assertThat(TransformText.paused("the target was removed"))
        .isEqualTo("Paused: the target was removed");
    assertThat(TransformText.paused(null)).isEqualTo("Paused");
  }

  @Test
  void aRunSaysWhatItWroteWhere() {
    assertThat(TransformText.outcome("daily", new TransformRunOutcome("daily_sales", 120, 0, 7L)))
        .isEqualTo("daily ran: wrote 120 rows into daily_sales as version 7.");
    assertThat(TransformText.outcome("daily", new TransformRunOutcome("daily_sales", 1, 2, 8L)))
        .isEqualTo(
            "daily ran: wrote 1 row into daily_sales as version 8; 2 rows went to quarantine.");
    assertThat(TransformText.outcome("daily", new TransformRunOutcome("daily_sales", 0, 0, null)))
        .isEqualTo("daily ran: nothing was written into daily_sales.");
  }
}
