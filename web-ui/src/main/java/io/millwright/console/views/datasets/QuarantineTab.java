package io.millwright.console.views.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.QuarantineRow;
import io.millwright.console.ports.TenantDatasetUploads;
import io.millwright.console.ports.UploadOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A dataset's Quarantine section, for writers: the open rows with their rule and reason; a person
 * corrects cells in an editor, then replays the selected rows through the upload checks or discards
 * them. Afterwards the page is rebuilt (counts, versions) with the outcome shown here.
 */
final class QuarantineTab extends VerticalLayout {

  static final int SHOWN_ROWS = 500;

  private final TenantDatasetUploads uploads;
  private final String slug;
  private final String name;
  private final Consumer<Component> changed;
  private final QuarantineCorrections corrections = new QuarantineCorrections();
  private final Grid<QuarantineRow> grid = new Grid<>(QuarantineRow.class, false);
  private final Paragraph problem = new Paragraph();

  /**
   * @param open how many rows are open (more than are shown when past {@link #SHOWN_ROWS})
   * @param outcome what the last replay or discard did, or null
   * @param changed called with the outcome to show once rows were replayed or discarded
   */
  QuarantineTab(
      TenantDatasetUploads uploads,
      String slug,
      String name,
      long open,
      Component outcome,
      Consumer<Component> changed) {
    this.uploads = uploads;
    this.slug = slug;
    this.name = name;
    this.changed = changed;
    setId("dataset-quarantine");
    Span count = new Span(String.valueOf(open));
    count.setId("quarantine-open");
    Paragraph intro =
        new Paragraph(
            new Text("Rows that failed a rule, kept with the reason so nothing is lost: "),
            count,
            new Text(
                " open. The first "
                    + SHOWN_ROWS
                    + " are shown. Correct a row's cells with Edit (it is then selected), and"
                    + " replay the selected rows: they go through the same checks as an upload"
                    + " into one new version; rows that still fail come back with the new reason."));

    Button replay = new Button("Replay selected", e -> replay());
    replay.setId("quarantine-replay");
    replay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button discard = new Button("Discard selected", e -> confirmDiscard());
    discard.setId("quarantine-discard");
    discard.addThemeVariants(ButtonVariant.LUMO_ERROR);
    replay.setEnabled(false);
    discard.setEnabled(false);

    grid.setId("dataset-quarantine-grid");
    grid.setSelectionMode(Grid.SelectionMode.MULTI);
    grid.setHeight("24rem");
    grid.addColumn(QuarantineRow::sourceRow).setHeader("Source row").setAutoWidth(true);
    grid.addColumn(QuarantineRow::rule).setHeader("Rule").setAutoWidth(true);
    grid.addColumn(QuarantineRow::reason).setHeader("Reason").setAutoWidth(true);
    grid.addColumn(
            q -> DatasetText.raw(corrections.shown(q)) + (corrections.edited(q) ? " (edited)" : ""))
        .setHeader("Values to replay")
        .setFlexGrow(1);
    grid.addComponentColumn(this::editButton).setHeader("").setAutoWidth(true).setKey("edit");
    grid.addSelectionListener(
        e -> {
          boolean any = !e.getAllSelectedItems().isEmpty();
          replay.setEnabled(any);
          discard.setEnabled(any);
        });
    try {
      grid.setItems(uploads.quarantine(slug, name, SHOWN_ROWS));
    } catch (ConsoleException ex) {
      problem.setText(ex.getMessage());
    }
    problem.setId("quarantine-problem");
    problem.getStyle().set("color", "var(--lumo-error-text-color)");

    add(intro);
    if (outcome != null) {
      add(outcome);
    }
    add(new HorizontalLayout(replay, discard), problem, grid);
  }

  private Component editButton(QuarantineRow row) {
    Button edit = new Button("Edit", e -> openEditor(row));
    edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
    edit.addClassName("quarantine-edit-row");
    // Tests find a row by what was uploaded: grid rows have no stable handle of their own.
    edit.getElement().setAttribute("data-raw", DatasetText.raw(row.raw()));
    return edit;
  }

  private void openEditor(QuarantineRow row) {
    Dialog editor = new Dialog();
    editor.setId("quarantine-editor");
    editor.setHeaderTitle("Source row " + row.sourceRow() + ": " + row.reason());
    FormLayout form = new FormLayout();
    Map<String, TextField> fields = new LinkedHashMap<>();
    corrections
        .shown(row)
        .forEach(
            (column, value) -> {
              TextField field = new TextField(column);
              field.setId("quarantine-cell-" + DatasetText.idPart(column));
              field.setValue(DatasetText.orEmpty(value));
              field.setHelperText("uploaded: " + DatasetText.orEmpty(row.raw().get(column)));
              fields.put(column, field);
              form.add(field);
            });
    editor.add(form);
    Button keep =
        new Button(
            "Keep changes",
            e -> {
              Map<String, String> cells = new LinkedHashMap<>();
              fields.forEach((column, field) -> cells.put(column, field.getValue()));
              corrections.edit(row, cells);
              grid.getDataProvider().refreshItem(row);
              grid.select(row);
              editor.close();
            });
    keep.setId("quarantine-editor-save");
    keep.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", e -> editor.close());
    editor.getFooter().add(cancel, keep);
    editor.open();
  }

  private void replay() {
    Set<QuarantineRow> selected = grid.getSelectedItems();
    if (selected.isEmpty()) {
      return;
    }
    try {
      UploadOutcome outcome = uploads.replay(slug, name, corrections.forReplay(selected));
      changed.accept(replayed(selected.size(), outcome));
    } catch (ConsoleException ex) {
      problem.setText(ex.getMessage());
    }
  }

  private void confirmDiscard() {
    List<Long> ids = grid.getSelectedItems().stream().map(QuarantineRow::id).toList();
    if (ids.isEmpty()) {
      return;
    }
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Discard " + DatasetText.rows(ids.size()) + " for good?",
            "The rows are not written to "
                + name
                + " and leave the open quarantine; they stay listed as discarded in the"
                + " audit trail.",
            "Discard",
            e -> {
              try {
                int n = uploads.discard(slug, name, ids);
                Paragraph done = new Paragraph("Discarded " + DatasetText.rows(n) + ".");
                done.setId("discard-result");
                changed.accept(done);
              } catch (ConsoleException ex) {
                problem.setText(ex.getMessage());
              }
            });
    confirm.setId("discard-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  /** The replay's counts, each in its own element so tests read them. */
  private static Component replayed(int rows, UploadOutcome outcome) {
    Span written = new Span(String.valueOf(outcome.rowsWritten()));
    written.setId("replay-written");
    Span quarantined = new Span(String.valueOf(outcome.rowsQuarantined()));
    quarantined.setId("replay-quarantined");
    Span deduplicated = new Span(String.valueOf(outcome.rowsDeduplicated()));
    deduplicated.setId("replay-deduplicated");
    Paragraph result =
        new Paragraph(
            new Text(
                "Replayed "
                    + DatasetText.rows(rows)
                    + (outcome.version() == null ? "" : " into version " + outcome.version())
                    + ": "),
            written,
            new Text(" written, "),
            quarantined,
            new Text(" back in quarantine, "),
            deduplicated,
            new Text(" deduplicated."));
    result.setId("replay-result");
    return result;
  }
}
