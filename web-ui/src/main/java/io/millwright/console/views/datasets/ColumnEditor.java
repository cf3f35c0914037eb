package io.millwright.console.views.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableRunnable;
import io.millwright.console.ports.ColumnDraft;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of a new dataset as an editable grid (name, type, unit, PII, required), filled by
 * hand or from a sample file, and able to show the platform's message next to the bad cell.
 */
final class ColumnEditor extends VerticalLayout {

  static final List<String> TYPES =
      List.of("string", "integer", "decimal", "boolean", "date", "timestamp");

  private static final Pattern COLUMN_ERROR = Pattern.compile("columns\\[(\\d+)]\\.(\\w+)");

  private final List<Row> rows = new ArrayList<>();
  private final Grid<Row> grid = new Grid<>();
  private final Div problem = new Div();
  private final SerializableRunnable namesChanged;

  /**
   * @param namesChanged told when a column is added, removed or renamed (for the key picker)
   */
  ColumnEditor(SerializableRunnable namesChanged) {
    this.namesChanged = namesChanged;
    setPadding(false);
    grid.setId("column-grid");
    grid.addComponentColumn(r -> r.name).setHeader("Name").setFlexGrow(1);
    grid.addComponentColumn(r -> r.type).setHeader("Type").setAutoWidth(true);
    grid.addComponentColumn(r -> r.unit).setHeader("Unit").setAutoWidth(true);
    grid.addComponentColumn(r -> r.pii).setHeader("PII").setAutoWidth(true);
    grid.addComponentColumn(r -> r.required).setHeader("Required").setAutoWidth(true);
    grid.addComponentColumn(this::removeButton).setHeader("").setAutoWidth(true);
    grid.setAllRowsVisible(true);
    problem.setId("columns-error");
    problem.getStyle().set("color", "var(--lumo-error-text-color)");
    Button add =
        new Button("Add column", e -> add(new ColumnDraft("", "string", null, false, false)));
    add.setId("add-column");
    add(grid, problem, add);
  }

  void replaceAll(List<ColumnDraft> columns) {
    rows.clear();
    columns.forEach(c -> rows.add(new Row(c, rows.size())));
    refresh();
  }

  void add(ColumnDraft column) {
    rows.add(new Row(column, rows.size()));
    refresh();
  }

  List<ColumnDraft> drafts() {
    return rows.stream().map(Row::draft).toList();
  }

  List<String> names() {
    return rows.stream().map(r -> r.name.getValue().trim()).filter(n -> !n.isEmpty()).toList();
  }

  void clearErrors() {
    problem.setText("");
    rows.forEach(Row::clearErrors);
  }

  /**
   * Puts each column error next to its cell; what has no cell (e.g. "columns", a rule) is listed
   * under the grid.
   */
  void showErrors(Map<String, String> errors) {
    List<String> elsewhere = new ArrayList<>();
    errors.forEach(
        (field, message) -> {
          Matcher m = COLUMN_ERROR.matcher(field);
          if (m.matches() && Integer.parseInt(m.group(1)) < rows.size()) {
            Row row = rows.get(Integer.parseInt(m.group(1)));
            if (!row.mark(m.group(2), message)) {
              elsewhere.add("Column " + (row.index + 1) + " (" + m.group(2) + "): " + message);
            }
          } else if (field.equals("columns") || field.startsWith("columns")) {
            elsewhere.add(message);
          }
        });
    problem.setText(String.join(" · ", elsewhere));
  }

  private void refresh() {
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).place(i);
    }
    grid.setItems(rows);
    namesChanged.run();
  }

  private Component removeButton(Row row) {
    Button remove =
        new Button(
            "Remove",
            e -> {
              rows.remove(row);
              refresh();
            });
    remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
    remove.getElement().setAttribute("aria-label", "Remove column " + (row.index + 1));
    return remove;
  }

  /** One editable column; its fields carry ids by position so tests can reach them. */
  private final class Row implements Serializable {
    final TextField name = new TextField();
    final Select<String> type = new Select<>();
    final TextField unit = new TextField();
    final Checkbox pii = new Checkbox();
    final Checkbox required = new Checkbox();
    int index;

    Row(ColumnDraft column, int index) {
      name.setValue(DatasetText.orEmpty(column.name()));
      name.setAriaLabel("Column name");
      name.setWidthFull();
      name.addValueChangeListener(e -> namesChanged.run());
      type.setItems(TYPES);
      type.setValue(TYPES.contains(column.type()) ? column.type() : "string");
      type.setAriaLabel("Type");
      unit.setValue(DatasetText.orEmpty(column.unit()));
      unit.setAriaLabel("Unit");
      unit.setWidth("7rem");
      pii.setValue(column.pii());
      pii.setAriaLabel("Personal data");
      required.setValue(column.required());
      required.setAriaLabel("Required");
      place(index);
    }

    void place(int position) {
      index = position;
      name.setId("column-name-" + position);
      type.setId("column-type-" + position);
      unit.setId("column-unit-" + position);
      pii.setId("column-pii-" + position);
      required.setId("column-required-" + position);
    }

    ColumnDraft draft() {
      return new ColumnDraft(
          name.getValue().trim(),
          type.getValue(),
          unit.getValue(),
          pii.getValue(),
          required.getValue());
    }

    void clearErrors() {
      name.setInvalid(false);
      type.setInvalid(false);
      unit.setInvalid(false);
    }

    /** Marks the field the error names; false when the error is about something else. */
    boolean mark(String field, String message) {
      switch (field) {
        case "name" -> {
          name.setErrorMessage(message);
          name.setInvalid(true);
        }
        case "type" -> {
          type.setErrorMessage(message);
          type.setInvalid(true);
        }
        case "unit" -> {
          unit.setErrorMessage(message);
          unit.setInvalid(true);
        }
        default -> {
          return false;
        }
      }
      return true;
    }
  }
}
