package io.millwright.console.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.ModelVersionRow;
import io.millwright.console.ports.TrainingEpoch;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.ports.TrainingRunRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelTextTest {

  static TrainingRunDetail run(
      String status,
      int queuePosition,
      String waitingReason,
      List<TrainingEpoch> epochs,
      Integer planned,
      Map<String, Double> metrics,
      Map<String, Double> baseline) {
    return new TrainingRunDetail(
        "0b6e",
        "churn",
        status,
        false,
        queuePosition,
        waitingReason,
        "customers",
        42L,
        "tabular-mlp",
        "1.0.0",
        "model-tabular",
        "1.0.0",
        "binary-classification",
        "churned",
        null,
        "random",
        Map.of("epochs", "40"),
        7L,
        1,
        epochs,
        planned,
        800L,
        200L,
        metrics,
        baseline,
        "accuracy",
        true,
        null,
        null,
        1.5,
        null,
        "Ana",
        Instant.parse("2026-11-30T08:00:00Z"),
        null,
        null);
  }

  @Test
  void figuresHaveFourSignificantDigitsInPlainNotation() {
    assertThat(ModelText.number(0.912345)).isEqualTo("0.9123");
    assertThat(ModelText.number(1234.5678)).isEqualTo("1235");
    assertThat(ModelText.number(0.000123456)).isEqualTo("0.0001235");
    assertThat(ModelText.number(2.0)).isEqualTo("2");
    assertThat(ModelText.number(0.0)).isEqualTo("0");
    assertThat(ModelText.number(null)).isEmpty();
  }

  @Test
  void progressSaysTheEpochOfThePlannedOnes() {
    List<TrainingEpoch> twelve =
        java.util.stream.IntStream.rangeClosed(1, 12)
            .mapToObj(i -> new TrainingEpoch(i, Map.of("loss", 1.0 / i)))
            .toList();
    TrainingRunDetail running = run("running", 0, null, twelve, 40, Map.of(), Map.of());
    assertThat(ModelText.progress(running)).isEqualTo("Epoch 12 of 40");
    assertThat(ModelText.progressValue("running", 12, 40)).isEqualTo(0.3);
    assertThat(ModelText.progressValue("running", 0, null)).as("indeterminate").isNull();
    assertThat(ModelText.progressValue("queued", 0, null)).isZero();
    // a run that stopped early (early stopping) is complete
    assertThat(ModelText.progressValue("succeeded", 25, 40)).isEqualTo(1.0);
    assertThat(ModelText.progress("queued", 0, null)).isEqualTo("Waiting to start");
  }

  @Test
  void aQueuedRunSaysItsPlaceAndWhyItWaits() {
    TrainingRunDetail queued =
        run(
            "queued",
            2,
            "3 of the tenant's 3 concurrent training jobs are running",
            List.of(),
            null,
            Map.of(),
            Map.of());
    assertThat(ModelText.queue(queued))
        .isEqualTo(
            "Number 2 in the queue: 3 of the tenant's 3 concurrent training jobs are running.");
    assertThat(ModelText.queue(run("running", 0, null, List.of(), 4, Map.of(), Map.of())))
        .isEmpty();
  }

  @Test
  void metricsStandBesideTheBaselineWithAVerdictInTheirDirection() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", 0.91);
    metrics.put("f1", 0.5);
    metrics.put("log_loss", 0.3);
    Map<String, Double> baseline = Map.of("accuracy", 0.64, "f1", 0.6, "log_loss", 0.7);
    List<ModelText.MetricLine> lines =
        ModelText.metricLines(run("succeeded", 0, null, List.of(), 4, metrics, baseline));
    assertThat(lines)
        .containsExactly(
            new ModelText.MetricLine("accuracy (primary)", "0.91", "0.64", "better"),
            new ModelText.MetricLine("f1", "0.5", "0.6", "worse"),
            new ModelText.MetricLine("log_loss", "0.3", "0.7", "better"));
    assertThat(ModelText.versus("rmse", Map.of("rmse", 4.1), Map.of("rmse", 9.8)))
        .isEqualTo("rmse 4.1 vs 9.8 baseline");
  }

  @Test
  void aRunsResultInTheListIsItsVersionItsErrorOrItsProgress() {
    assertThat(ModelText.result(row("succeeded", 3, null, 40, 40))).isEqualTo("version 3");
    assertThat(ModelText.result(row("failed", null, "the target has one class", 2, 40)))
        .isEqualTo("the target has one class");
    assertThat(ModelText.result(row("running", null, null, 5, 40))).isEqualTo("Epoch 5 of 40");
  }

  private static TrainingRunRow row(
      String status, Integer version, String error, int done, Integer planned) {
    return new TrainingRunRow(
        "id",
        "churn",
        "customers",
        "tabular-mlp",
        "binary-classification",
        status,
        false,
        done,
        planned,
        version,
        error,
        "Ana",
        null,
        null,
        null);
  }

  @Test
  void lineageSaysEverythingNeededToReproduceAVersion() {
    Map<String, String> hyper = new LinkedHashMap<>();
    hyper.put("epochs", "40");
    hyper.put("hidden_layers", "64,32");
    ModelVersionRow v =
        new ModelVersionRow(
            3,
            "run-1",
            "tabular-mlp",
            "1.2.0",
            "model-tabular",
            "1.2.1",
            "customers",
            5123L,
            hyper,
            42L,
            Map.of("accuracy", 0.9),
            Map.of("accuracy", 0.6),
            "ab12",
            Instant.parse("2026-11-30T08:00:00Z"),
            "Ana");
    assertThat(ModelText.lineage(v))
        .isEqualTo(
            "Trained on customers@5123 with tabular-mlp 1.2.0 (plugin model-tabular 1.2.1),"
                + " seed 42, epochs=40, hidden_layers=64,32. Metrics: accuracy 0.9 (baseline"
                + " 0.6). Run run-1. Artifact sha256 ab12.");
  }

  @Test
  void aHyperparametersHelpSaysWhatItTakesAndItsDefault() {
    assertThat(
            ModelText.help(
                new HyperParameterInfo(
                    "epochs",
                    "Epochs",
                    "Passes over the training rows",
                    HyperParameterInfo.Type.INTEGER,
                    "40",
                    1.0,
                    500.0,
                    List.of())))
        .isEqualTo("Passes over the training rows. A whole number from 1 to 500; default 40.");
    assertThat(
            ModelText.help(
                new HyperParameterInfo(
                    "learning_rate",
                    "Learning rate",
                    "",
                    HyperParameterInfo.Type.DECIMAL,
                    "0.001",
                    0.00001,
                    null,
                    List.of())))
        .isEqualTo("A number of at least 0.00001; default 0.001.");
    assertThat(
            ModelText.help(
                new HyperParameterInfo(
                    "hidden_layers",
                    "Hidden layers",
                    "Neurons per layer.",
                    HyperParameterInfo.Type.CHOICE,
                    "64,32",
                    null,
                    null,
                    List.of("32", "64,32"))))
        .isEqualTo("Neurons per layer. One of 32 · 64,32; default 64,32.");
  }

  @Test
  void runBadgesSayWhetherACancelIsUnderWay() {
    assertThat(RunStates.of("running", false)).isEqualTo(RunStates.RUNNING);
    assertThat(RunStates.of("running", true)).isEqualTo(RunStates.CANCELLING);
    assertThat(RunStates.of("succeeded", false).theme()).isEqualTo("badge success");
    assertThat(RunStates.of("failed", false).theme()).isEqualTo("badge error");
    assertThat(RunStates.active("queued")).isTrue();
    assertThat(RunStates.active("cancelled")).isFalse();
  }
}
