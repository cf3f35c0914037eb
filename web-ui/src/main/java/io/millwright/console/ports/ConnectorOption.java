package io.millwright.console.ports;

import java.util.List;

/**
 * One configuration value a connection of a connector takes.
 *
 * @param name its key, e.g. {@code url}; field errors name it as {@code config.<name>}
 * @param help what it does, with an example
 * @param defaultValue used when the connection leaves it out; null for none
 * @param secret stored encrypted and never shown again: a password, token or key
 * @param choices the allowed values of a {@link Type#CHOICE}; empty otherwise
 */
public record ConnectorOption(
    String name,
    String label,
    String help,
    Type type,
    boolean required,
    String defaultValue,
    boolean secret,
    List<String> choices) {

  /** How the platform reads the value; the same names as the connector contract's. */
  public enum Type {
    TEXT,
    MULTILINE_TEXT,
    INTEGER,
    BOOLEAN,
    DURATION,
    URI,
    CHOICE
  }
}
