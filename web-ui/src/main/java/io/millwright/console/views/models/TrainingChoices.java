package io.millwright.console.views.models;

import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.TrainingColumn;
import java.util.List;
import java.util.Set;

/**
 * What the "train a model" wizard offers at each point: the columns that can be predicted, the
 * tasks a target allows (only those some model type learns), the model types that learn the task,
 * and which fields show. The platform checks the draft again and has the last word.
 */
final class TrainingChoices {

  static final String FORECASTING = "forecasting";
  static final String ANOMALY_DETECTION = "anomaly-detection";

  /**
   * Model names that are console addresses under {@code models/}: a model named so could not be
   * opened on its page, so the wizard asks for another name.
   */
  static final Set<String> RESERVED_NAMES = Set.of("train");

  private TrainingChoices() {}

  /** Which steps of the wizard show now. */
  record Fields(
      boolean target,
      boolean task,
      boolean timeColumn,
      boolean modelType,
      boolean hyperParameters,
      boolean naming) {}

  /**
   * @param datasetChosen a dataset is picked (and its columns read)
   * @param task the chosen task, or null
   * @param typeChosen a model type is picked
   */
  static Fields shown(boolean datasetChosen, String task, boolean typeChosen) {
    boolean typed = datasetChosen && task != null && typeChosen;
    return new Fields(
        datasetChosen,
        datasetChosen,
        datasetChosen && FORECASTING.equals(task),
        datasetChosen && task != null,
        typed,
        typed);
  }

  /** The columns a model can predict, in the dataset's order. */
  static List<String> targets(List<TrainingColumn> columns) {
    return columns.stream()
        .filter(c -> !c.targetTasks().isEmpty())
        .map(TrainingColumn::name)
        .toList();
  }

  /** The date and timestamp columns, which can order a series. */
  static List<String> timeColumns(List<TrainingColumn> columns) {
    return columns.stream().filter(TrainingColumn::temporal).map(TrainingColumn::name).toList();
  }

  /**
   * The tasks a target allows that some model type learns, the one the platform infers first;
   * without a target only anomaly detection (it learns from unlabelled rows).
   */
  static List<String> tasks(TrainingColumn target, List<ModelTypeInfo> types) {
    List<String> allowed = target == null ? List.of(ANOMALY_DETECTION) : target.targetTasks();
    return allowed.stream().filter(t -> types.stream().anyMatch(m -> m.offers(t))).toList();
  }

  /** The model types that learn the task. */
  static List<ModelTypeInfo> types(List<ModelTypeInfo> types, String task) {
    return task == null ? List.of() : types.stream().filter(t -> t.offers(task)).toList();
  }

  /** The columns a model may learn from: every one but the target (and a forecast's time). */
  static List<String> features(
      List<TrainingColumn> columns, String target, String timeColumn, String task) {
    return columns.stream()
        .map(TrainingColumn::name)
        .filter(n -> !n.equals(target))
        .filter(n -> !(FORECASTING.equals(task) && n.equals(timeColumn)))
        .toList();
  }

  /** How rows are held out: a forecast is judged on the latest rows, anything else at random. */
  static String split(String task) {
    return FORECASTING.equals(task) ? "time" : null;
  }

  /** Why the console cannot take this model name, or null. */
  static String nameProblem(String name) {
    if (name != null && RESERVED_NAMES.contains(name.strip())) {
      return "'"
          + name.strip()
          + "' is the address of this page in the console; choose another name";
    }
    return null;
  }

  /** Why the seed is not a seed, or null (empty is fine: the platform chooses one). */
  static String seedProblem(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Long.parseLong(text.strip());
      return null;
    } catch (NumberFormatException e) {
      return "a whole number, e.g. 42";
    }
  }

  /** The seed to send: null when empty; call after {@link #seedProblem}. */
  static Long seed(String text) {
    return text == null || text.isBlank() ? null : Long.valueOf(text.strip());
  }
}
