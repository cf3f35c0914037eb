package io.millwright.connector.rest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Incremental values as the offset keeps them (text) and how two of them compare: as numbers when
 * both are numbers, as points in time when both are ISO-8601 timestamps (so {@code ...00Z} and
 * {@code ...00.5Z} order correctly), as dates, and otherwise as text.
 */
final class Values {

  private Values() {}

  /** The text of a JSON value used as an incremental mark; null for null, objects and arrays. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  static int compare(String a, String b) {
    Integer c = compareAs(a, b, BigDecimal::new);
    if (c == null) {
      c = compareAs(a, b, Values::instant);
    }
    if (c == null) {
      c = compareAs(a, b, t -> LocalDateTime.parse(t.replace(' ', 'T')));
    }
    if (c == null) {
      c = compareAs(a, b, LocalDate::parse);
    }
    return c != null ? c : Integer.signum(a.compareTo(b));
  }

  private static Instant instant(String t) {
    String s = t.replace(' ', 'T');
    return s.endsWith("Z") || s.endsWith("z")
        ? Instant.parse(s.toUpperCase(java.util.Locale.ROOT))
        : OffsetDateTime.parse(s).toInstant();
  }

  private static <T extends Comparable<T>> Integer compareAs(
      String a, String b, Function<String, T> parse) {
    T x;
    T y;
    try {
      x = parse.apply(a.strip());
      y = parse.apply(b.strip());
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
    return Integer.signum(x.compareTo(y));
  }

  /** 12 hex digits of SHA-256 of a record's JSON text: tells records with the same mark apart. */
  static String hash(Object element) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(element).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(d, 6));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
