package io.millwright.console.ports;

import java.util.List;
import java.util.Map;

/**
 * How healthy one version of a dataset is, from the statistics kept for its files.
 *
 * @param version the version described, null when the dataset has none yet
 * @param ruleFailures rows the write that made this version quarantined, by rule
 */
public record DatasetQuality(
    Long version, long rows, List<Column> columns, Map<String, Long> ruleFailures) {

  /**
   * One column's figures.
   *
   * @param nullRate the share of missing values, 0 to 1
   * @param min the lowest value as text, null for text columns (their bounds are truncated) or when
   *     there is none
   * @param max the highest value as text, null likewise
   */
  public record Column(String name, double nullRate, String min, String max) {}
}
