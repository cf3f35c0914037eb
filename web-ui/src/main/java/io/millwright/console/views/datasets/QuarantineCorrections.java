package io.millwright.console.views.datasets;

import io.millwright.console.ports.QuarantineRow;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A person's edits to quarantined rows before they are replayed: per row, only the cells that
 * differ from what was uploaded. Kept apart from the view so it is tested without a browser.
 */
final class QuarantineCorrections {

  private final Map<Long, Map<String, String>> edits = new LinkedHashMap<>();

  /**
   * Records a row's cells as the person left them in the editor; cells equal to the uploaded value
   * are not corrections, and a row with none is as uploaded again.
   */
  void edit(QuarantineRow row, Map<String, String> cells) {
    Map<String, String> changed = new LinkedHashMap<>();
    cells.forEach(
        (column, value) -> {
          if (!Objects.equals(blankToEmpty(value), blankToEmpty(row.raw().get(column)))) {
            changed.put(column, value == null ? "" : value);
          }
        });
    if (changed.isEmpty()) {
      edits.remove(row.id());
    } else {
      edits.put(row.id(), changed);
    }
  }

  boolean edited(QuarantineRow row) {
    return edits.containsKey(row.id());
  }

  /** The row's values as they will be replayed: uploaded values with the person's edits. */
  Map<String, String> shown(QuarantineRow row) {
    Map<String, String> cells = new LinkedHashMap<>(row.raw());
    cells.putAll(edits.getOrDefault(row.id(), Map.of()));
    return cells;
  }

  /** What to send for a replay of these rows: each row's changed cells (empty: replay as is). */
  Map<Long, Map<String, String>> forReplay(Collection<QuarantineRow> rows) {
    Map<Long, Map<String, String>> out = new LinkedHashMap<>();
    for (QuarantineRow row : rows) {
      out.put(row.id(), Map.copyOf(edits.getOrDefault(row.id(), Map.of())));
    }
    return out;
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value;
  }
}
