package io.millwright.console.ports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a successful "test connection" found.
 *
 * @param summary one line, e.g. "PostgreSQL 16.4, table orders: 12,408 rows"
 * @param sample the first few records as the source gives them, so the person sees their shape
 */
public record ConnectionTestResult(String summary, List<Sample> sample) {

  /** The fields of the sample records, in the order first seen. */
  public List<String> columns() {
    Set<String> columns = new LinkedHashSet<>();
    sample.forEach(s -> columns.addAll(s.values().keySet()));
    return new ArrayList<>(columns);
  }

  /**
   * One record of the sample.
   *
   * @param origin where a person finds it in the source, e.g. "orders id=1042"
   * @param values field name to value as text (null for a missing value), in the source's order
   * @param problem why it could not be read, or null
   */
  public record Sample(String origin, Map<String, String> values, String problem) {}
}
