package io.millwright.plugin.api.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a model type is and what it can learn: shown in the "train a model" wizard, used by the host
 * to offer only the types that fit a dataset and a target, and by the automatic search.
 *
 * @param id stable identifier, lowercase, e.g. {@code tabular-mlp}
 * @param version the type's own version, recorded with every model it trains
 * @param tasks what it can learn
 * @param featureKinds the column kinds it can take as features
 * @param hyperParameters its settings, each with a default
 * @param usesGpu whether it trains faster on a GPU when the host offers one
 * @param importsModel whether the person supplies a trained model file with the run (API 1.3):
 *     {@link ModelType#train} then imports and checks that file, found in {@link
 *     TrainingContext#suppliedModel()}, instead of learning. The host asks for the file when such a
 *     type is chosen and hands it only to types that declare this; having nothing to learn from the
 *     data, such a type is no candidate for an automatic search
 */
public record ModelTypeDescriptor(
    String id,
    String version,
    String displayName,
    String description,
    Set<Task> tasks,
    Set<ColumnKind> featureKinds,
    List<HyperParameter> hyperParameters,
    boolean usesGpu,
    boolean importsModel) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  public ModelTypeDescriptor {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "model type id '" + id + "' must be lowercase letters, digits and '-'");
    }
    Objects.requireNonNull(version, "version");
    displayName = displayName == null ? id : displayName;
    description = description == null ? "" : description;
    tasks = Set.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("model type " + id + " declares no task");
    }
    featureKinds = Set.copyOf(featureKinds);
    hyperParameters = List.copyOf(hyperParameters);
  }

  /**
   * A type that learns from the data (imports no model): the API 1.2 constructor, kept so that 1.2
   * plugins compile and run unchanged.
   */
  public ModelTypeDescriptor(
      String id,
      String version,
      String displayName,
      String description,
      Set<Task> tasks,
      Set<ColumnKind> featureKinds,
      List<HyperParameter> hyperParameters,
      boolean usesGpu) {
    this(
        id,
        version,
        displayName,
        description,
        tasks,
        featureKinds,
        hyperParameters,
        usesGpu,
        false);
  }

  /** The hyperparameter with this name, or null. */
  public HyperParameter hyperParameter(String name) {
    for (HyperParameter h : hyperParameters) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    return null;
  }
}
