package io.millwright.console.views.datasets;

import com.vaadin.flow.component.grid.Grid;
import io.millwright.console.ports.DatasetColumn;
import io.millwright.console.ports.DatasetVersionRow;
import io.millwright.console.ports.RowsPreview;
import io.millwright.console.ports.UploadRow;
import java.util.Map;

/**
 * The read-only grids of a dataset's page, one per section, each with a stable id for tests (the
 * Quarantine, Quality and Lineage sections build their own).
 */
final class DatasetGrids {

  private DatasetGrids() {}

  static Grid<DatasetColumn> schema() {
    Grid<DatasetColumn> grid = new Grid<>(DatasetColumn.class, false);
    grid.setId("dataset-schema-grid");
    grid.addColumn(DatasetColumn::name).setHeader("Column").setAutoWidth(true);
    grid.addColumn(DatasetColumn::type).setHeader("Type").setAutoWidth(true);
    grid.addColumn(c -> DatasetText.orEmpty(c.unit())).setHeader("Unit").setAutoWidth(true);
    grid.addColumn(c -> DatasetText.orEmpty(c.term()))
        .setHeader("Glossary term")
        .setAutoWidth(true);
    grid.addColumn(c -> c.pii() ? "PII" : "").setHeader("PII").setAutoWidth(true);
    grid.addColumn(DatasetColumn::rules).setHeader("Rules").setFlexGrow(1);
    grid.setAllRowsVisible(true);
    return grid;
  }

  /** Columns follow the version shown: an earlier version may have had fewer. */
  static void showRows(Grid<Map<String, String>> grid, RowsPreview preview) {
    grid.removeAllColumns();
    for (String column : preview.columns()) {
      String header = preview.maskedColumns().contains(column) ? column + " (masked)" : column;
      grid.addColumn(row -> DatasetText.orEmpty(row.get(column)))
          .setHeader(header)
          .setKey(column)
          .setAutoWidth(true);
    }
    grid.setItems(preview.rows());
  }

  static Grid<DatasetVersionRow> versions() {
    Grid<DatasetVersionRow> grid = new Grid<>(DatasetVersionRow.class, false);
    grid.setId("dataset-versions-grid");
    grid.addColumn(DatasetVersionRow::id).setHeader("Version").setAutoWidth(true);
    grid.addColumn(v -> DatasetText.utc(v.committedAt()))
        .setHeader("Committed (UTC)")
        .setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::source).setHeader("Source").setAutoWidth(true);
    grid.addColumn(v -> DatasetText.orEmpty(v.actor())).setHeader("By").setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::rowsRead).setHeader("Read").setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::rowsWritten).setHeader("Written").setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::rowsQuarantined).setHeader("Quarantined").setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::rowsDeduplicated)
        .setHeader("Deduplicated")
        .setAutoWidth(true);
    grid.addColumn(DatasetVersionRow::totalRows).setHeader("Total rows").setAutoWidth(true);
    grid.addColumn(v -> v.current() ? "current" : "").setHeader("Current").setAutoWidth(true);
    return grid;
  }

  static Grid<UploadRow> uploads() {
    Grid<UploadRow> grid = new Grid<>(UploadRow.class, false);
    grid.setId("dataset-uploads-grid");
    grid.addColumn(u -> DatasetText.utc(u.startedAt()))
        .setHeader("Started (UTC)")
        .setAutoWidth(true);
    grid.addColumn(u -> DatasetText.orEmpty(u.fileName())).setHeader("File").setAutoWidth(true);
    grid.addColumn(UploadRow::status).setHeader("Status").setAutoWidth(true);
    grid.addColumn(UploadRow::rowsRead).setHeader("Read").setAutoWidth(true);
    grid.addColumn(UploadRow::rowsWritten).setHeader("Written").setAutoWidth(true);
    grid.addColumn(UploadRow::rowsQuarantined).setHeader("Quarantined").setAutoWidth(true);
    grid.addColumn(UploadRow::rowsDeduplicated).setHeader("Deduplicated").setAutoWidth(true);
    grid.addColumn(u -> DatasetText.orEmpty(u.problem())).setHeader("Problem").setFlexGrow(1);
    grid.addColumn(u -> DatasetText.orEmpty(u.startedBy())).setHeader("By").setAutoWidth(true);
    return grid;
  }
}
