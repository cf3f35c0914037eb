package io.millwright.server.datasets.ingest;

import io.millwright.server.glossary.DataType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Standardizes cell text into typed values for one upload's conventions. Bad data is reported as a
 * {@link ParsedValue} failure, never thrown, because a million-row file with a few bad cells is
 * normal input.
 */
public final class ValueParser {

  /** Spellings of "no value" seen in exports; matched case-insensitively after trimming. */
  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "y", "1");

  private static final Set<String> FALSE_WORDS = Set.of("false", "no", "n", "0");

  private final ParseOptions options;
  private final DateText dates;

  public ValueParser(ParseOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.dates = new DateText(options);
  }

  public ParseOptions options() {
    return options;
  }

  /** True for text that means "no value": blank, NULL, N/A, NA or a lone dash. */
  public static boolean isMissing(String raw) {
    if (raw == null) {
      return true;
    }
    int n = raw.length();
    if (n > 4 && raw.charAt(0) > ' ' && raw.charAt(n - 1) > ' ') {
      return false; // longer than any null spelling, even trimmed: no need to trim
    }
    String t = raw.trim();
    // The null spellings ("", "-", "na", "n/a", "null", any case) each have their own length:
    // compare without lowercasing, which copies every short cell.
    return switch (t.length()) {
      case 0 -> true;
      case 1 -> t.charAt(0) == '-';
      case 2 -> t.equalsIgnoreCase("na");
      case 3 -> t.equalsIgnoreCase("n/a");
      case 4 -> t.equalsIgnoreCase("null");
      default -> false;
    };
  }

  /**
   * Parses cell text as a value of the type.
   *
   * @param targetUnit the column's unit; a value with a different known unit is converted to it, a
   *     value without a unit is taken to be in it. Only numbers carry units.
   */
  public ParsedValue parse(String raw, DataType type, String targetUnit) {
    if (isMissing(raw)) {
      return ParsedValue.missing();
    }
    String text = raw.trim();
    return switch (type) {
      case STRING -> ParsedValue.of(text);
      case INTEGER, DECIMAL -> number(text, type, targetUnit);
      case BOOLEAN -> bool(text);
      case DATE -> dates.date(text);
      case TIMESTAMP -> dates.timestamp(text);
    };
  }

  public ParsedValue parse(String raw, DataType type) {
    return parse(raw, type, null);
  }

  private ParsedValue number(String text, DataType type, String targetUnit) {
    ParsedValue plain = plainNumber(text, type);
    if (plain != null) {
      return plain;
    }
    Quantity quantity = Quantity.split(text);
    BigDecimal value = NumberText.parse(quantity.number(), options.decimalSeparator());
    String unit = quantity.unit();
    boolean unitIsTarget = unit != null && unit.equals(targetUnit);
    if (value == null || (unit != null && !Units.isKnown(unit) && !unitIsTarget)) {
      return ParsedValue.failed("'" + text + "' is not a number");
    }
    if (unit != null && !unitIsTarget) {
      if (targetUnit == null) {
        return ParsedValue.failed(
            "'" + text + "' carries the unit " + unit + " but the column has no unit");
      }
      if (!Units.convertible(unit, targetUnit)) {
        return ParsedValue.failed("unit " + unit + " cannot be converted to " + targetUnit);
      }
      if (!Units.canonical(unit).equals(Units.canonical(targetUnit))) {
        value = BigDecimal.valueOf(Units.convert(value.doubleValue(), unit, targetUnit));
      }
    }
    if (type == DataType.DECIMAL) {
      double d = value.doubleValue();
      return Double.isInfinite(d)
          ? ParsedValue.failed("'" + text + "' is too large")
          : ParsedValue.of(d);
    }
    if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      return ParsedValue.failed("'" + text + "' has a fraction; the column holds whole numbers");
    }
    try {
      return ParsedValue.of(value.longValueExact());
    } catch (ArithmeticException e) {
      return ParsedValue.failed("'" + text + "' is too large for a whole number");
    }
  }

  /**
   * The common case, fast: digits with an optional leading minus and one '.' decimal point, no
   * grouping, unit or exponent. Anything else (or ',' as the decimal separator) takes the full
   * path, which also gives the reasons.
   */
  private ParsedValue plainNumber(String text, DataType type) {
    if (options.decimalSeparator() != '.' || text.isEmpty() || text.length() > 18) {
      return null;
    }
    int dots = 0;
    int digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else if (!(c == '-' && i == 0)) {
        return null;
      }
    }
    if (digits == 0 || dots > 1) {
      return null;
    }
    if (type == DataType.DECIMAL) {
      return ParsedValue.of(Double.parseDouble(text));
    }
    return dots == 0 ? ParsedValue.of(Long.parseLong(text)) : null;
  }

  private static ParsedValue bool(String text) {
    String word = text.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(word)) {
      return ParsedValue.of(Boolean.TRUE);
    }
    if (FALSE_WORDS.contains(word)) {
      return ParsedValue.of(Boolean.FALSE);
    }
    return ParsedValue.failed("'" + text + "' is not a yes/no value");
  }
}
