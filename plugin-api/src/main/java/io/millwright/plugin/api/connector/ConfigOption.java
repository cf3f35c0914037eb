package io.millwright.plugin.api.connector;

import java.util.List;
import java.util.Objects;

/**
 * One configuration value a connection of a connector takes.
 *
 * @param name key in the configuration, e.g. {@code url}, {@code watermarkColumn}
 * @param label short label for the form
 * @param description what it does and an example, shown as help
 * @param type how the host validates and parses it
 * @param required a connection without it is refused (unless it has a default)
 * @param defaultValue used when the connection leaves it out; null for none
 * @param secret stored encrypted under the tenant's key, never returned by the API or shown, never
 *     written to logs or audit entries
 * @param choices the allowed values of a {@link OptionType#CHOICE}; empty otherwise
 */
public record ConfigOption(
    String name,
    String label,
    String description,
    OptionType type,
    boolean required,
    String defaultValue,
    boolean secret,
    List<String> choices) {

  public ConfigOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    label = label == null ? name : label;
    description = description == null ? "" : description;
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == OptionType.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("option " + name + " is a choice without choices");
    }
  }

  /** A required value without default. */
  public static ConfigOption required(
      String name, String label, OptionType type, String description) {
    return new ConfigOption(name, label, description, type, true, null, false, List.of());
  }

  /** An optional value; {@code defaultValue} may be null. */
  public static ConfigOption optional(
      String name, String label, OptionType type, String defaultValue, String description) {
    return new ConfigOption(name, label, description, type, false, defaultValue, false, List.of());
  }

  /** A password, token or key: required unless {@code required} is false. */
  public static ConfigOption secret(
      String name, String label, boolean required, String description) {
    return new ConfigOption(
        name, label, description, OptionType.TEXT, required, null, true, List.of());
  }

  /** One of a fixed set of values. */
  public static ConfigOption choice(
      String name, String label, String defaultValue, List<String> choices, String description) {
    return new ConfigOption(
        name,
        label,
        description,
        OptionType.CHOICE,
        defaultValue == null,
        defaultValue,
        false,
        choices);
  }
}
