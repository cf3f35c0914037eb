package io.millwright.server.datasets.ingest;

/**
 * A cell split into its number text and an optional trailing unit, e.g. "12.5 kg" → ("12.5", "kg"),
 * "70°F" → ("70", "°F"). Nothing is split off the front, so "$12" stays unparseable instead of
 * silently losing its currency.
 *
 * @param number the leading number-like text, trimmed; may be empty
 * @param unit the rest, trimmed; null when there is none
 */
record Quantity(String number, String unit) {

  static Quantity split(String text) {
    int i = 0;
    while (i < text.length() && isNumberChar(text, i)) {
      i++;
    }
    String number = text.substring(0, i).trim();
    String unit = text.substring(i).trim();
    return new Quantity(number, unit.isEmpty() ? null : unit);
  }

  private static boolean isNumberChar(String text, int i) {
    char c = text.charAt(i);
    if (c >= '0' && c <= '9') {
      return true;
    }
    if (c == 'e' || c == 'E') {
      // Only an exponent ("1.5e3") belongs to the number; "5 eggs" does not.
      int next = i + 1;
      if (next < text.length() && (text.charAt(next) == '+' || text.charAt(next) == '-')) {
        next++;
      }
      return i > 0
          && Character.isDigit(text.charAt(i - 1))
          && next < text.length()
          && Character.isDigit(text.charAt(next));
    }
    return "+-−().,' \u00A0\u202F".indexOf(c) >= 0;
  }
}
