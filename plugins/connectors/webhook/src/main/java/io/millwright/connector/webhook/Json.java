package io.millwright.connector.webhook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON parser (RFC 8259) and writer: whitespace is allowed wherever the grammar
 * allows it, anything else that is not JSON (trailing commas, single quotes, comments, NaN, leading
 * zeros, unescaped control characters, text after the value) is refused with the position.
 *
 * <p>Objects become {@link LinkedHashMap} (key order kept; a repeated key keeps its last value),
 * arrays {@link List}, strings {@link String}, {@code true}/{@code false} {@link Boolean}, {@code
 * null} null. Integers become {@link Long} when they fit, otherwise {@link BigDecimal}; numbers
 * with a fraction or exponent become {@link Double} when a double holds them exactly as written,
 * otherwise {@link BigDecimal}, so no digit the API sent is lost.
 *
 * <p>A deliberate copy of the rest plugin's {@code Json} (only the package differs): plugins share
 * nothing at runtime but the plugin API, until a shared support jar exists. Keep the two in step.
 */
final class Json {

  /** The text is not JSON. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }
  }

  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON value that must fill the whole text (surrounding whitespace aside). */
  static Object parse(String text) throws ParseException {
    Json parser = new Json(text);
    parser.skipWhitespace();
    if (parser.pos == text.length()) {
      throw new ParseException("not JSON: the body is empty");
    }
    Object value = parser.value();
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected " + parser.describeHere() + " after the JSON value");
    }
    return value;
  }

  private Object value() throws ParseException {
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describeHere() + ", expected a JSON value");
    }
  }

  private Map<String, Object> object() throws ParseException {
    enter();
    pos++; // {
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("unexpected " + describeHere() + ", expected a field name in double quotes");
      }
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      requireMore("a value");
      map.put(key, value());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        depth--;
        return map;
      } else {
        throw error("unexpected " + describeHere() + ", expected ',' or '}'");
      }
    }
  }

  private List<Object> array() throws ParseException {
    enter();
    pos++; // [
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      skipWhitespace();
      requireMore("a value");
      list.add(value());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        depth--;
        return list;
      } else {
        throw error("unexpected " + describeHere() + ", expected ',' or ']'");
      }
    }
  }

  private String string() throws ParseException {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw error("string not closed");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String result =
            sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw error("control character U+%04X inside a string must be escaped".formatted((int) c));
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(text, runStart, pos);
      pos++;
      if (pos >= text.length()) {
        throw error("string not closed");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("\\u needs four hex digits");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
              throw error("\\u needs four hex digits");
            }
            code = code * 16 + digit;
          }
          pos += 4;
          sb.append((char) code);
        }
        default -> {
          pos--;
          throw error("invalid escape \\" + e);
        }
      }
      runStart = pos;
    }
  }

  private Object number() throws ParseException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (pos >= text.length() || !isDigit(text.charAt(pos))) {
      throw error("a number needs digits");
    }
    if (text.charAt(pos) == '0') {
      pos++;
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        throw error("leading zeros are not allowed in a number");
      }
    } else {
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    boolean integral = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      integral = false;
      pos++;
      if (pos >= text.length() || !isDigit(text.charAt(pos))) {
        throw error("a decimal point needs digits after it");
      }
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      integral = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos >= text.length() || !isDigit(text.charAt(pos))) {
        throw error("an exponent needs digits");
      }
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    String literal = text.substring(start, pos);
    BigDecimal exact = new BigDecimal(literal);
    if (integral) {
      if (literal.length() <= 18) {
        return Long.parseLong(literal);
      }
      try {
        return exact.longValueExact();
      } catch (ArithmeticException tooBig) {
        return exact;
      }
    }
    double d = exact.doubleValue();
    if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
      return d;
    }
    return exact;
  }

  private void literal(String word) throws ParseException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + ", expected a JSON value");
    }
    pos += word.length();
  }

  private void enter() throws ParseException {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) throws ParseException {
    if (peek() != c) {
      throw error("unexpected " + describeHere() + ", expected '" + c + "'");
    }
    pos++;
  }

  private void requireMore(String what) throws ParseException {
    if (pos >= text.length()) {
      throw error("the body ends where " + what + " was expected");
    }
  }

  private char peek() throws ParseException {
    if (pos >= text.length()) {
      throw error("the body ends too early");
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of body";
    }
    int cp = text.codePointAt(pos);
    return cp < 0x20 ? "character U+%04X".formatted(cp) : "'" + Character.toString(cp) + "'";
  }

  private ParseException error(String message) {
    return new ParseException("not JSON: " + message + " at character " + (pos + 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ---- pointers (RFC 6901) -------------------------------------------------------------------

  /** What a pointer found: {@code present} false when a step of it is not in the document. */
  record Found(boolean present, Object value) {
    static final Found MISSING = new Found(false, null);
  }

  /**
   * The reference tokens of a JSON pointer: {@code ""} is the whole document, {@code /data/items}
   * two steps; {@code ~1} stands for '/' and {@code ~0} for '~' inside a step.
   *
   * @throws IllegalArgumentException when the text is not a pointer
   */
  static List<String> pointer(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "a JSON pointer starts with '/', as in /data or /meta/next_cursor");
    }
    List<String> steps = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      StringBuilder step = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c != '~') {
          step.append(c);
          continue;
        }
        char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
        if (next == '0') {
          step.append('~');
        } else if (next == '1') {
          step.append('/');
        } else {
          throw new IllegalArgumentException("in a JSON pointer '~' must be followed by 0 or 1");
        }
        i++;
      }
      steps.add(step.toString());
    }
    return List.copyOf(steps);
  }

  /** Follows pointer steps through parsed JSON: object members by name, array elements by index. */
  static Found at(Object document, List<String> steps) {
    Object here = document;
    for (String step : steps) {
      if (here instanceof Map<?, ?> map) {
        if (!map.containsKey(step)) {
          return Found.MISSING;
        }
        here = map.get(step);
      } else if (here instanceof List<?> list) {
        int index;
        try {
          index = step.equals("0") || !step.startsWith("0") ? Integer.parseInt(step) : -1;
        } catch (NumberFormatException e) {
          return Found.MISSING;
        }
        if (index < 0 || index >= list.size()) {
          return Found.MISSING;
        }
        here = list.get(index);
      } else {
        return Found.MISSING;
      }
    }
    return new Found(true, here);
  }

  /** "an object", "an array", "a string", "a number", "true", "null": for messages. */
  static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return "a number";
  }

  // ---- writing --------------------------------------------------------------------------------

  /** Compact JSON text of a value this parser produced. */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      quote(s, sb);
    } else if (value instanceof BigDecimal bd) {
      sb.append(bd.toString());
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(String.valueOf(e.getKey()), sb);
        sb.append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(list.get(i), sb);
      }
      sb.append(']');
    } else {
      quote(value.toString(), sb);
    }
  }

  static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append("\\u%04x".formatted((int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
