package io.millwright.server.datasets.ingest;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numbers as people write them: thousands separators, a leading '+', accounting-style
 * parentheses for negatives. Grouping is checked strictly (groups of three) so that "1,5" is not
 * read as fifteen when the decimal separator is '.'.
 */
final class NumberText {

  private static final Pattern EXPONENT = Pattern.compile("[eE]([+-]?\\d{1,4})$");
  private static final String SPACES = " \u00A0\u202F";

  private NumberText() {}

  /** The value, or null when the text is not a number under this decimal separator. */
  static BigDecimal parse(String text, char decimalSeparator) {
    String s = text.trim();
    boolean negative = false;
    if (s.length() > 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
      negative = true;
      s = s.substring(1, s.length() - 1).trim();
    }
    if (!s.isEmpty() && "+-−".indexOf(s.charAt(0)) >= 0) {
      if (negative) {
        return null;
      }
      negative = s.charAt(0) != '+';
      s = s.substring(1);
    }
    String exponent = "0";
    Matcher e = EXPONENT.matcher(s);
    if (e.find()) {
      exponent = e.group(1);
      s = s.substring(0, e.start());
    }
    int decimal = s.indexOf(decimalSeparator);
    if (decimal != s.lastIndexOf(decimalSeparator)) {
      return null;
    }
    String integer = decimal < 0 ? s : s.substring(0, decimal);
    String fraction = decimal < 0 ? "" : s.substring(decimal + 1);
    String integerDigits = ungroup(integer, decimalSeparator == '.' ? ',' : '.');
    if (integerDigits == null || !fraction.chars().allMatch(NumberText::isDigit)) {
      return null;
    }
    if (integerDigits.isEmpty() && fraction.isEmpty()) {
      return null;
    }
    String plain =
        (negative ? "-" : "")
            + (integerDigits.isEmpty() ? "0" : integerDigits)
            + (fraction.isEmpty() ? "" : "." + fraction)
            + "E"
            + exponent;
    return new BigDecimal(plain);
  }

  /** The digits of an integer part without its grouping, or null when the grouping is wrong. */
  private static String ungroup(String integer, char otherSeparator) {
    if (integer.chars().allMatch(NumberText::isDigit)) {
      return integer;
    }
    char group = 0;
    for (char c : integer.toCharArray()) {
      if (!isDigit(c)) {
        group = c;
        break;
      }
    }
    boolean allowed = group == otherSeparator || group == '\'' || SPACES.indexOf(group) >= 0;
    if (!allowed) {
      return null;
    }
    String[] groups = integer.split(Pattern.quote(String.valueOf(group)), -1);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean sized = i == 0 ? g.length() >= 1 && g.length() <= 3 : g.length() == 3;
      if (!sized || !g.chars().allMatch(NumberText::isDigit)) {
        return null;
      }
      digits.append(g);
    }
    return digits.toString();
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
