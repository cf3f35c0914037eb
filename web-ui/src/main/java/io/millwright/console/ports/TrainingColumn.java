package io.millwright.console.ports;

import java.util.List;

/**
 * A dataset column as training sees it.
 *
 * @param type string, integer, decimal, boolean, date or timestamp
 * @param targetTasks what a model predicting this column could learn, the one the platform would
 *     infer first; empty when it cannot be predicted (dates, timestamps)
 */
public record TrainingColumn(String name, String type, List<String> targetTasks) {

  /** Whether it can order a series (forecasting) or split rows in time. */
  public boolean temporal() {
    return "date".equals(type) || "timestamp".equals(type);
  }
}
