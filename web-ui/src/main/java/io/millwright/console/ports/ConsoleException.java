package io.millwright.console.ports;

import java.util.Map;

/**
 * A refusal to show a person: a readable message and, for forms, the message per field. Never
 * carries stack traces or internals.
 */
public class ConsoleException extends RuntimeException {

  private final transient Map<String, String> fieldErrors;

  public ConsoleException(String message) {
    this(message, Map.of());
  }

  public ConsoleException(String message, Map<String, String> fieldErrors) {
    super(message, null, false, false);
    this.fieldErrors = Map.copyOf(fieldErrors);
  }

  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }
}
