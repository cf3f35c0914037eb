package io.millwright.server.glossary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** The value types a glossary term may declare, and whether a text is a value of the type. */
public enum DataType {
  STRING,
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIMESTAMP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DataType> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** True when the text reads as a value of this type (ISO dates and instants). */
  public boolean accepts(String text) {
    try {
      switch (this) {
        case STRING -> {
          return text != null;
        }
        case INTEGER -> Long.parseLong(text.trim());
        case DECIMAL -> new BigDecimal(text.trim());
        case BOOLEAN -> {
          return "true".equalsIgnoreCase(text.trim()) || "false".equalsIgnoreCase(text.trim());
        }
        case DATE -> LocalDate.parse(text.trim());
        case TIMESTAMP -> Instant.parse(text.trim());
        default -> throw new IllegalStateException(name());
      }
      return true;
    } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
      return false;
    }
  }
}
