package io.millwright.plugin.api.connector;

import java.util.List;

/**
 * What a successful "test connection" found.
 *
 * @param summary one line, e.g. "MariaDB 10.11, table orders: 12,408 rows"
 * @param sample up to a few records as the source gives them, so the user sees the shape
 */
public record ConnectionCheck(String summary, List<SourceRecord> sample) {

  public ConnectionCheck {
    sample = List.copyOf(sample);
  }
}
