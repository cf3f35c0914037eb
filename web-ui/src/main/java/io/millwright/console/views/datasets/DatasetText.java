package io.millwright.console.views.datasets;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How dataset pages write times, versions and raw rows, the same on each of them. */
final class DatasetText {

  private DatasetText() {}

  static String utc(Instant time) {
    return time == null ? "" : time.toString().replace('T', ' ').substring(0, 19);
  }

  static String version(Long id) {
    return id == null ? "none yet" : String.valueOf(id);
  }

  /** A quarantined row's values as they were uploaded, e.g. {@code site=North, kwh=12,5}. */
  static String raw(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue() == null ? "" : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** A share from 0 to 1 as a percentage, e.g. {@code 0.25} as {@code 25.0 %}. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  /** The rule failures of a write, e.g. {@code kwh.number: 1 row, site.required: 2 rows}. */
  static String ruleFailures(Map<String, Long> failures) {
    if (failures.isEmpty()) {
      return "The write that made this version sent no rows to quarantine.";
    }
    return "The write that made this version sent rows to quarantine: "
        + failures.entrySet().stream()
            .map(e -> e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " row" : " rows"))
            .collect(Collectors.joining(", "))
        + ".";
  }

  static String rows(long n) {
    return n + (n == 1 ? " row" : " rows");
  }

  /** A column name as part of an element id: letters, digits, {@code -} and {@code _} only. */
  static String idPart(String name) {
    return name.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
