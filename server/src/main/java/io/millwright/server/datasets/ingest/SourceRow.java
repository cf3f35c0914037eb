package io.millwright.server.datasets.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One data row as it was found in the upload.
 *
 * @param number where a person finds the row: the line on which it starts for CSV and JSONL, the
 *     sheet row number (as Excel shows it) for XLSX
 * @param cells raw text aligned with {@link RowSource#columns()} at the time the row was read; null
 *     for a missing cell. A broken row keeps all the cells it had so quarantine loses nothing.
 * @param problem null, or why the row is structurally broken; such rows go to quarantine, they are
 *     never dropped
 */
public record SourceRow(long number, List<String> cells, String problem) {

  public SourceRow {
    // Cells may be null, which List.copyOf forbids.
    cells = Collections.unmodifiableList(new ArrayList<>(cells));
  }

  public boolean isBroken() {
    return problem != null;
  }

  /** The cell at a column index, or null when the row is shorter (e.g. JSONL keys seen later). */
  public String cell(int column) {
    return column < cells.size() ? cells.get(column) : null;
  }
}
