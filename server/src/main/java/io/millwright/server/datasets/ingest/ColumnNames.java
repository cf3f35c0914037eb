package io.millwright.server.datasets.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns headers into names that are safe as SQL identifiers and Iceberg/Parquet fields without
 * quoting: lowercase snake_case, starting with a letter, at most 63 characters (the PostgreSQL
 * identifier limit).
 */
public final class ColumnNames {

  static final int MAX_LENGTH = 63;

  /** "temp (°C)", "weight [kg]": a unit in trailing brackets. */
  private static final Pattern HEADER_UNIT =
      Pattern.compile("^(.*?)\\s*[(\\[]\\s*([^()\\[\\]]+?)\\s*[)\\]]$");

  private ColumnNames() {}

  /** The known unit a header names in trailing brackets, in canonical spelling. */
  public static Optional<String> unitOf(String header) {
    Matcher m = HEADER_UNIT.matcher(header == null ? "" : header.trim());
    return m.matches() && !m.group(1).isBlank() ? Units.canonical(m.group(2)) : Optional.empty();
  }

  /** The header without its bracketed unit: "temp (°C)" is "temp", the unit kept apart. */
  public static String withoutUnit(String header) {
    if (unitOf(header).isEmpty()) {
      return header;
    }
    Matcher m = HEADER_UNIT.matcher(header.trim());
    return m.matches() ? m.group(1) : header;
  }

  /** The column name one header maps to: without its unit, normalized. */
  public static String columnNameOf(String header, int position) {
    return normalize(withoutUnit(header), position);
  }

  /** Normalized, deduplicated names in header order; a repeat gets _2, _3, ... */
  static List<String> normalize(List<String> headers) {
    List<String> names = new ArrayList<>(headers.size());
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < headers.size(); i++) {
      String base = normalize(headers.get(i), i + 1);
      String name = base;
      for (int n = 2; !taken.add(name); n++) {
        String suffix = "_" + n;
        name = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
      }
      names.add(name);
    }
    return names;
  }

  static String normalize(String header, int position) {
    // "orderID" → "order_id": split camel case before lowercasing.
    String text = header == null ? "" : header.trim();
    text = text.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
    // "Größe", "café" → ASCII letters without their accents.
    text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    text = text.toLowerCase(Locale.ROOT).replace("ß", "ss");
    text = text.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (text.isEmpty()) {
      text = "column_" + position;
    } else if (!Character.isLetter(text.charAt(0))) {
      text = "c_" + text;
    }
    if (text.length() > MAX_LENGTH) {
      text = text.substring(0, MAX_LENGTH).replaceAll("_+$", "");
    }
    return text;
  }
}
