package io.millwright.console.ports;

import java.util.List;

/**
 * A model type the tenant may train, as the "train a model" wizard offers it.
 *
 * @param tasks what it can learn, e.g. {@code binary-classification}, {@code forecasting}
 * @param featureKinds the column kinds it takes as features: {@code number}, {@code category},
 *     {@code text}, {@code timestamp}, {@code boolean}
 * @param hyperParameters its settings in display order, each with a default
 * @param bundled whether it ships with the platform
 */
public record ModelTypeInfo(
    String id,
    String name,
    String description,
    String version,
    List<String> tasks,
    List<String> featureKinds,
    List<HyperParameterInfo> hyperParameters,
    String plugin,
    String pluginVersion,
    boolean bundled,
    boolean importsModel) {

  public boolean offers(String task) {
    return tasks.contains(task);
  }
}
