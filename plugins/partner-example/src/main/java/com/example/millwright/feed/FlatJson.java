package com.example.millwright.feed;

import io.millwright.plugin.api.connector.SourceRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one flat JSON object ({"a": 1, "b": "x", "c": null}); anything else is unreadable. */
final class FlatJson {

  private final String text;
  private int at;

  private FlatJson(String text) {
    this.text = text;
  }

  static SourceRecord record(String origin, String line) {
    try {
      return SourceRecord.of(origin, new FlatJson(line).object());
    } catch (IllegalArgumentException e) {
      return SourceRecord.unreadable(origin, line, e.getMessage());
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> values = new LinkedHashMap<>();
    expect('{');
    space();
    if (peek() == '}') {
      at++;
      return end(values);
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      space();
      values.put(key, value());
      space();
      char c = next();
      if (c == '}') {
        return end(values);
      }
      if (c != ',') {
        throw new IllegalArgumentException("expected , or } at " + (at - 1));
      }
    }
  }

  private Map<String, Object> end(Map<String, Object> values) {
    space();
    if (at != text.length()) {
      throw new IllegalArgumentException("text after the object at " + at);
    }
    return values;
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return Boolean.FALSE;
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw new IllegalArgumentException("not a flat JSON value at " + start);
    }
    try {
      BigDecimal n = new BigDecimal(text.substring(start, at));
      return n.scale() <= 0 && n.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
          ? (Object) n.longValueExact()
          : n;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("bad number at " + start);
    }
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return s.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case 'n' -> s.append('\n');
          case 't' -> s.append('\t');
          case 'r' -> s.append('\r');
          case 'b' -> s.append('\b');
          case 'f' -> s.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw new IllegalArgumentException("bad \\u escape");
            }
            s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> s.append(e);
        }
      } else {
        s.append(c);
      }
    }
  }

  private void space() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    if (at >= text.length()) {
      throw new IllegalArgumentException("unexpected end of line");
    }
    return text.charAt(at);
  }

  private char next() {
    char c = peek();
    at++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c + " at " + (at - 1));
    }
  }
}
