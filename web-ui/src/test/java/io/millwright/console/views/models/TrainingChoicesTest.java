package io.millwright.console.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.TrainingColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingChoicesTest {

  static ModelTypeInfo type(String id, String... tasks) {
    return new ModelTypeInfo(
        id,
        id,
        "about " + id,
        "1.0.0",
        List.of(tasks),
        List.of("number"),
        List.of(),
        id,
        "1.0.0",
        true,
        false);
  }

  static final List<ModelTypeInfo> TYPES =
      List.of(
          type("tabular-mlp", "binary-classification", "multiclass-classification", "regression"),
          type("forecast-mlp", "forecasting"),
          type("anomaly-autoencoder", "anomaly-detection"));

  static final List<TrainingColumn> COLUMNS =
      List.of(
          new TrainingColumn("at", "timestamp", List.of()),
          new TrainingColumn(
              "plan",
              "string",
              List.of("multiclass-classification", "binary-classification", "text-classification")),
          new TrainingColumn("units", "decimal", List.of("regression", "forecasting")),
          new TrainingColumn(
              "churned", "boolean", List.of("binary-classification", "anomaly-detection")));

  @Test
  void onlyColumnsThatCanBePredictedAreOfferedAsTargets() {
    assertThat(TrainingChoices.targets(COLUMNS)).containsExactly("plan", "units", "churned");
    assertThat(TrainingChoices.timeColumns(COLUMNS)).containsExactly("at");
  }

  @Test
  void aTargetOffersOnlyTasksSomeModelTypeLearns() {
    // no type here learns from free text
    assertThat(TrainingChoices.tasks(COLUMNS.get(1), TYPES))
        .containsExactly("multiclass-classification", "binary-classification");
    assertThat(TrainingChoices.tasks(COLUMNS.get(2), TYPES))
        .containsExactly("regression", "forecasting");
    assertThat(TrainingChoices.tasks(null, TYPES)).containsExactly("anomaly-detection");
    assertThat(TrainingChoices.tasks(null, TYPES.subList(0, 1))).isEmpty();
  }

  @Test
  void onlyTypesThatLearnTheTaskAreOffered() {
    assertThat(TrainingChoices.types(TYPES, "forecasting"))
        .extracting(ModelTypeInfo::id)
        .containsExactly("forecast-mlp");
    assertThat(TrainingChoices.types(TYPES, "regression"))
        .extracting(ModelTypeInfo::id)
        .containsExactly("tabular-mlp");
    assertThat(TrainingChoices.types(TYPES, null)).isEmpty();
  }

  @Test
  void theWizardShowsEachStepOnceTheOneBeforeIsChosen() {
    assertThat(TrainingChoices.shown(false, null, false))
        .isEqualTo(new TrainingChoices.Fields(false, false, false, false, false, false));
    assertThat(TrainingChoices.shown(true, null, false))
        .isEqualTo(new TrainingChoices.Fields(true, true, false, false, false, false));
    assertThat(TrainingChoices.shown(true, "regression", false))
        .isEqualTo(new TrainingChoices.Fields(true, true, false, true, false, false));
    assertThat(TrainingChoices.shown(true, "regression", true))
        .isEqualTo(new TrainingChoices.Fields(true, true, false, true, true, true));
  }

  @Test
  void aForecastAsksForItsTimeColumnAndIsJudgedOnTheLatestRows() {
    assertThat(TrainingChoices.shown(true, "forecasting", true).timeColumn()).isTrue();
    assertThat(TrainingChoices.split("forecasting")).isEqualTo("time");
    assertThat(TrainingChoices.split("regression")).isNull();
    assertThat(TrainingChoices.features(COLUMNS, "units", "at", "forecasting"))
        .containsExactly("plan", "churned");
    assertThat(TrainingChoices.features(COLUMNS, "units", "at", "regression"))
        .containsExactly("at", "plan", "churned");
  }

  @Test
  void theConsoleKeepsItsOwnAddressAndReadsTheSeed() {
    assertThat(TrainingChoices.nameProblem("train")).contains("choose another name");
    assertThat(TrainingChoices.nameProblem("churn")).isNull();
    assertThat(TrainingChoices.seedProblem("")).isNull();
    assertThat(TrainingChoices.seedProblem("42")).isNull();
    assertThat(TrainingChoices.seedProblem("4-2")).isNotNull();
    assertThat(TrainingChoices.seed(" 42 ")).isEqualTo(42L);
    assertThat(TrainingChoices.seed("")).isNull();
  }
}
