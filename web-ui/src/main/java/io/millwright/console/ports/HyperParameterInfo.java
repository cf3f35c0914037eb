package io.millwright.console.ports;

import java.util.List;

/**
 * One setting of a model type; field errors name it as {@code hyperParameters.<name>}.
 *
 * @param min for numbers, the smallest allowed value (inclusive); null for none
 * @param max for numbers, the largest allowed value (inclusive); null for none
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 */
public record HyperParameterInfo(
    String name,
    String label,
    String description,
    Type type,
    String defaultValue,
    Double min,
    Double max,
    List<String> choices) {

  /** How the platform reads the value; the same names as the model-type contract's. */
  public enum Type {
    INTEGER,
    DECIMAL,
    BOOLEAN,
    CHOICE
  }
}
