package io.millwright.plugin.api.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a model type, with its default and its allowed range. The host checks the values a
 * person gives against it (naming each bad one) and passes every hyperparameter resolved, with
 * defaults filled in, in {@link TrainingSpec#hyperParameters()}; the automatic search tries values
 * inside the range.
 *
 * @param min for numbers, the smallest allowed value (inclusive); null for none
 * @param max for numbers, the largest allowed value (inclusive); null for none
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 */
public record HyperParameter(
    String name,
    String label,
    String description,
    Type type,
    String defaultValue,
    Double min,
    Double max,
    List<String> choices) {

  public enum Type {
    INTEGER,
    DECIMAL,
    BOOLEAN,
    CHOICE
  }

  public HyperParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue: every hyperparameter has a default");
    label = label == null ? name : label;
    description = description == null ? "" : description;
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == Type.CHOICE && !choices.contains(defaultValue)) {
      throw new IllegalArgumentException(name + ": the default must be one of " + choices);
    }
    String problem = problem(type, defaultValue, min, max, choices);
    if (problem != null) {
      throw new IllegalArgumentException(name + ": the default " + problem);
    }
  }

  public static HyperParameter integer(
      String name, String label, int defaultValue, int min, int max, String description) {
    return new HyperParameter(
        name,
        label,
        description,
        Type.INTEGER,
        Integer.toString(defaultValue),
        (double) min,
        (double) max,
        List.of());
  }

  public static HyperParameter decimal(
      String name, String label, double defaultValue, double min, double max, String description) {
    return new HyperParameter(
        name, label, description, Type.DECIMAL, Double.toString(defaultValue), min, max, List.of());
  }

  public static HyperParameter choice(
      String name, String label, String defaultValue, List<String> choices, String description) {
    return new HyperParameter(
        name, label, description, Type.CHOICE, defaultValue, null, null, choices);
  }

  public static HyperParameter bool(
      String name, String label, boolean defaultValue, String description) {
    return new HyperParameter(
        name, label, description, Type.BOOLEAN, Boolean.toString(defaultValue), null, null, null);
  }

  /**
   * Why a value is not allowed, or null when it is.
   *
   * @return e.g. "must be a whole number between 1 and 500"
   */
  public String problemWith(String value) {
    return problem(type, value, min, max, choices);
  }

  private static String problem(
      Type type, String value, Double min, Double max, List<String> choices) {
    if (value == null || value.isBlank()) {
      return "is empty";
    }
    switch (type) {
      case BOOLEAN:
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("false") ? null : "must be true or false";
      case CHOICE:
        return choices.contains(value) ? null : "must be one of " + choices;
      case INTEGER:
      case DECIMAL:
        double d;
        try {
          d = type == Type.INTEGER ? Long.parseLong(value.strip()) : Double.parseDouble(value);
        } catch (NumberFormatException e) {
          return type == Type.INTEGER ? "must be a whole number" : "must be a number";
        }
        if (Double.isNaN(d) || (min != null && d < min) || (max != null && d > max)) {
          return "must be between " + text(min) + " and " + text(max);
        }
        return null;
      default:
        throw new IllegalStateException(type.toString());
    }
  }

  private static String text(Double bound) {
    if (bound == null) {
      return "any";
    }
    return bound == Math.rint(bound) ? Long.toString(bound.longValue()) : bound.toString();
  }
}
