package io.millwright.console.views.datasets;

import java.time.Instant;
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

  static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
