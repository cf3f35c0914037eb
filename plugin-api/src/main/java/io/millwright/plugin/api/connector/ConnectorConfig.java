package io.millwright.plugin.api.connector;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection's configuration, checked against its connector's descriptor with defaults filled in.
 * The host builds it with {@link #of}; a connector only reads it. Secrets are in it in clear text:
 * the connector needs them, and must not log them.
 */
public record ConnectorConfig(Map<String, String> values) {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  public ConnectorConfig {
    values = Map.copyOf(values);
  }

  /** One thing wrong with a configuration, named by option so a form can show it in place. */
  public record Problem(String option, String message) {}

  /**
   * Checks values against the descriptor: required options present, types parse, choices allowed,
   * no option the connector does not declare.
   *
   * @return every problem found, empty when the configuration is usable
   */
  public static List<Problem> problems(ConnectorDescriptor descriptor, Map<String, String> values) {
    List<Problem> problems = new ArrayList<>();
    for (String name : values.keySet()) {
      if (descriptor.options().stream().noneMatch(o -> o.name().equals(name))) {
        problems.add(
            new Problem(name, descriptor.displayName() + " has no option called '" + name + "'"));
      }
    }
    for (ConfigOption option : descriptor.options()) {
      String value = values.get(option.name());
      if (value == null || value.isBlank()) {
        if (option.required() && option.defaultValue() == null) {
          problems.add(new Problem(option.name(), option.label() + " is required"));
        }
        continue;
      }
      String wrong = typeProblem(option, value.strip());
      if (wrong != null) {
        problems.add(new Problem(option.name(), option.label() + " " + wrong));
      }
    }
    return problems;
  }

  /**
   * The configuration of a connection: the given values over the descriptor's defaults.
   *
   * @throws IllegalArgumentException naming every problem, when {@link #problems} finds any
   */
  public static ConnectorConfig of(ConnectorDescriptor descriptor, Map<String, String> values) {
    List<Problem> problems = problems(descriptor, values);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          problems.stream().map(p -> p.option() + ": " + p.message()).toList().toString());
    }
    Map<String, String> filled = new LinkedHashMap<>();
    for (ConfigOption option : descriptor.options()) {
      String value = values.get(option.name());
      if (value != null && !value.isBlank()) {
        filled.put(option.name(), option.secret() ? value : value.strip());
      } else if (option.defaultValue() != null) {
        filled.put(option.name(), option.defaultValue());
      }
    }
    return new ConnectorConfig(filled);
  }

  /** The value, or null when neither set nor defaulted. */
  public String text(String name) {
    return values.get(name);
  }

  /** The value, which must be there. */
  public String requireText(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("option " + name + " is not set");
    }
    return value;
  }

  public long integer(String name) {
    return Long.parseLong(requireText(name));
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(requireText(name));
  }

  public Duration duration(String name) {
    return parseDuration(requireText(name));
  }

  public URI uri(String name) {
    return URI.create(requireText(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** {@code PT30S}, {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 2d}. */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    return Duration.parse(t.toUpperCase(Locale.ROOT));
  }

  private static String typeProblem(ConfigOption option, String value) {
    try {
      switch (option.type()) {
        case INTEGER -> Long.parseLong(value);
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            return "must be true or false";
          }
        }
        case DURATION -> {
          if (parseDuration(value).isNegative()) {
            return "must not be negative";
          }
        }
        case URI -> {
          if (!URI.create(value).isAbsolute()) {
            return "must be an absolute URI such as https://host/path";
          }
        }
        case CHOICE -> {
          if (!option.choices().contains(value)) {
            return "must be one of " + option.choices();
          }
        }
        default -> Objects.requireNonNull(value);
      }
      return null;
    } catch (NumberFormatException e) {
      return "must be a whole number";
    } catch (java.time.format.DateTimeParseException e) {
      return "must be a duration such as 30s, 5m, 1h or PT30S";
    } catch (IllegalArgumentException e) {
      return "is not a valid URI";
    }
  }

  @Override
  public String toString() {
    // Secrets may be in here; a stray log line must not print them.
    return "ConnectorConfig" + values.keySet();
  }
}
