package io.millwright.plugin.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to learn, as the person who started the run asked for it and the host checked.
 *
 * @param target the column to predict; for {@link Task#ANOMALY_DETECTION} the optional column that
 *     marks known anomalies (null when there is none), never given to the model as a feature
 * @param features the columns to learn from, in this order
 * @param timeColumn for {@link Task#FORECASTING}, the timestamp column that orders the series (the
 *     batches arrive in its order); null otherwise
 * @param hyperParameters every hyperparameter of the type, resolved (defaults filled in), as text
 * @param seed the seed every source of randomness must derive from: same data, same seed, same
 *     hyperparameters must give the same model
 */
public record TrainingSpec(
    Task task,
    Column target,
    List<Column> features,
    String timeColumn,
    Map<String, String> hyperParameters,
    long seed) {

  public TrainingSpec {
    Objects.requireNonNull(task, "task");
    features = List.copyOf(features);
    hyperParameters = Map.copyOf(hyperParameters);
  }

  public int intParameter(String name) {
    return Integer.parseInt(require(name).strip());
  }

  public double doubleParameter(String name) {
    return Double.parseDouble(require(name).strip());
  }

  public boolean booleanParameter(String name) {
    return Boolean.parseBoolean(require(name).strip());
  }

  public String parameter(String name) {
    return require(name);
  }

  private String require(String name) {
    String v = hyperParameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no hyperparameter " + name);
    }
    return v;
  }
}
