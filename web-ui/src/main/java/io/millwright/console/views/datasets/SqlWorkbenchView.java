package io.millwright.console.views.datasets;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetColumn;
import io.millwright.console.ports.SqlAnswer;
import io.millwright.console.ports.SqlTable;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSql;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TenantTransforms;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The SQL workbench: a read-only query over the tenant's datasets, its rows and what it cost. The
 * server runs it in a sandbox and masks PII for readers who may not write datasets. Those who may
 * define transforms can take the query to a new transform ({@code sql-save-transform}).
 */
@Route(value = "t/:slug/sql", layout = MainLayout.class)
@PageTitle("SQL · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class SqlWorkbenchView extends VerticalLayout implements BeforeEnterObserver {

  /** Enough to read an answer on screen; more belongs in an export, not a browser grid. */
  static final int MAX_ROWS = 1000;

  private static final String MONOSPACE =
      "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

  private final TenantSwitchboard switchboard;
  private final TenantSql sql;
  private final TextArea editor = new TextArea();
  private final HorizontalLayout toolbar = new HorizontalLayout();
  private final Pre error = new Pre();
  private final Span status = new Span();
  private final Grid<List<String>> results = new Grid<>();
  private final Button saveAsTransform = new Button("Save as transform…");
  private TenantChoice tenant;
  // Counts answered runs so a test can wait for the next answer instead of sleeping.
  private int runs;

  @Inject
  public SqlWorkbenchView(TenantSwitchboard switchboard, TenantSql sql) {
    this.switchboard = switchboard;
    this.sql = sql;
    setId("sql-view");

    editor.setId("sql-editor");
    editor.setAriaLabel("SQL query");
    editor.setWidthFull();
    editor.setMinHeight("10rem");
    editor.setMaxHeight("20rem");
    // The slotted <textarea> inherits the host's font, so the whole editor turns monospace.
    editor.getStyle().set("font-family", MONOSPACE);
    editor.getElement().setAttribute("spellcheck", "false");

    Button run = new Button("Run", e -> run());
    run.setId("sql-run");
    run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    // Ctrl+Enter (Cmd+Enter on a Mac) from inside the editor. Resetting focus first makes the
    // editor send its latest text before the click, which it otherwise sends only on blur.
    for (KeyModifier modifier : List.of(KeyModifier.CONTROL, KeyModifier.META)) {
      run.addClickShortcut(Key.ENTER, modifier).listenOn(editor).resetFocusOnActiveElement();
    }
    Span hint =
        new Span(
            "Ctrl+Enter runs the query · up to " + SqlText.count(MAX_ROWS) + " rows are shown");
    hint.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    saveAsTransform.setId("sql-save-transform");
    saveAsTransform.setTooltipText(
        "Opens Transforms with this query in a new transform, to write its result into a dataset"
            + " on every run");
    saveAsTransform.addClickListener(e -> saveAsTransform());
    toolbar.add(run, saveAsTransform, hint);
    toolbar.setAlignItems(FlexComponent.Alignment.CENTER);

    error.setId("sql-error");
    error.setVisible(false);
    error
        .getStyle()
        .set("color", "var(--lumo-error-text-color)")
        .set("white-space", "pre-wrap")
        .set("font-family", MONOSPACE)
        .set("margin", "0");

    status.setId("sql-status");
    status.getElement().setAttribute("data-run", "0");

    results.setId("sql-results");
    results.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    results.setHeight("28rem");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantSql.ROLES.toArray(TenantRole[]::new))
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    List<SqlTable> tables = List.of();
    try {
      tables = sql.tables(tenant.slug());
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
    editor.setValue(SqlText.example(tables));
    // Only those who may define transforms are offered to make one of the query.
    saveAsTransform.setVisible(tenant.holdsAny(TenantTransforms.WRITERS));
    error.setVisible(false);
    status.setText("");
    results.removeAllColumns();
    results.setItems(List.of());

    String about =
        "Read-only SQL (DuckDB dialect) over the datasets of "
            + tenant.name()
            + ", each at its current version.";
    if (!tenant.holdsAny(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN)) {
      about += " Columns holding personal data read as ••• for your role.";
    }
    VerticalLayout work = new VerticalLayout(editor, toolbar, error, status, results);
    work.setPadding(false);
    HorizontalLayout body = new HorizontalLayout(work, tablesPanel(tables));
    body.setWidthFull();
    body.expand(work);
    add(new H2("SQL"), new Paragraph(about), body);
  }

  private void run() {
    try {
      SqlAnswer answer = sql.query(tenant.slug(), editor.getValue(), MAX_ROWS);
      showAnswer(answer);
    } catch (ConsoleException ex) {
      // The Problem's detail (DuckDB's explanation for a refused query), never a trace.
      error.setText(ex.getMessage());
      error.setVisible(true);
      status.setText("The query did not run.");
      results.removeAllColumns();
      results.setItems(List.of());
    }
    status.getElement().setAttribute("data-run", String.valueOf(++runs));
  }

  /** Opens the transforms page with the query in a new transform (nothing is saved yet). */
  private void saveAsTransform() {
    String query = editor.getValue();
    if (query == null || query.isBlank()) {
      Toasts.error("Write a query first: a transform is a SELECT over your datasets.");
      return;
    }
    getUI()
        .ifPresent(
            ui ->
                ui.navigate(
                    "t/" + tenant.slug() + "/transforms",
                    QueryParameters.of(TransformsView.QUERY_PARAMETER, query.strip())));
  }

  private void showAnswer(SqlAnswer answer) {
    error.setVisible(false);
    error.setText("");
    results.removeAllColumns();
    for (int i = 0; i < answer.columns().size(); i++) {
      int index = i;
      Grid.Column<List<String>> column =
          results
              .addColumn(row -> DatasetText.orEmpty(row.get(index)))
              .setHeader(header(answer.columns().get(i), answer.types().get(i)))
              .setAutoWidth(true)
              .setResizable(true);
      if (SqlText.numeric(answer.types().get(i))) {
        column.setTextAlign(ColumnTextAlign.END);
      }
    }
    results.setItems(answer.rows());
    status.setText(SqlText.status(answer, MAX_ROWS));
  }

  /** A column's name, with its DuckDB type on hover. */
  private static Component header(String name, String type) {
    Span header = new Span(name);
    header.getElement().setAttribute("title", type);
    return header;
  }

  /** The datasets and their columns; a click writes the name into the query at the cursor. */
  private Component tablesPanel(List<SqlTable> tables) {
    VerticalLayout list = new VerticalLayout(new H4("Datasets"));
    list.setId("sql-tables");
    list.setSpacing(false);
    list.setPadding(false);
    if (tables.isEmpty()) {
      list.add(new Paragraph("None yet."));
    }
    for (SqlTable table : tables) {
      Button name = insertButton(table.name(), "sql-table");
      name.getStyle().set("font-weight", "600");
      list.add(name);
      for (DatasetColumn c : table.columns()) {
        Span type = new Span(c.type() + (c.pii() ? " · PII" : ""));
        type.getStyle()
            .set("color", "var(--lumo-secondary-text-color)")
            .set("font-size", "var(--lumo-font-size-xs)");
        HorizontalLayout line = new HorizontalLayout(insertButton(c.name(), "sql-column"), type);
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.setSpacing(false);
        line.getStyle().set("padding-left", "var(--lumo-space-m)").set("gap", "0.4em");
        list.add(line);
      }
    }
    Scroller scroller = new Scroller(list);
    scroller.setWidth("16rem");
    scroller.setMaxHeight("40rem");
    return scroller;
  }

  private Button insertButton(String text, String className) {
    Button button = new Button(text, e -> insert(text));
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
    button.addClassName(className);
    button.getStyle().set("font-family", MONOSPACE);
    return button;
  }

  /**
   * Writes text at the editor's cursor (replacing a selection). Only the browser knows the cursor,
   * so this runs there; the change event then sends the new query back like typing would.
   */
  private void insert(String text) {
    editor
        .getElement()
        .executeJs(
            "const area = this.inputElement;"
                + "if (area && typeof area.selectionStart === 'number') {"
                + "  area.setRangeText($0, area.selectionStart, area.selectionEnd, 'end');"
                + "  this.value = area.value;"
                + "} else {"
                + "  this.value = (this.value || '') + $0;"
                + "}"
                + "this.dispatchEvent(new CustomEvent('change'));"
                + "this.focus();",
            text);
  }
}
