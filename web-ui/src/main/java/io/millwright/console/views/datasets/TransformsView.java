package io.millwright.console.views.datasets;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TenantTransforms;
import io.millwright.console.ports.TransformDraft;
import io.millwright.console.ports.TransformRow;
import io.millwright.console.ports.TransformRunOutcome;
import io.millwright.console.views.shell.FieldErrors;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Poller;
import io.millwright.console.views.shell.ScheduleText;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's SQL transforms: a grid of them (target, schedule, how the last run went, the next run
 * and a paused badge with the reason) and, below it, the one chosen. Writers define, change, run
 * and delete them there; every other member reads the same fields, read-only. The platform checks
 * what is saved and names each bad field, which is marked where it was typed; nothing typed is
 * lost. While a transform runs by itself the page polls every {@value #POLL_MS} ms, so runs the
 * schedule makes show up. The SQL workbench opens it with {@code ?query=...} to start a new one.
 */
@Route(value = "t/:slug/transforms", layout = MainLayout.class)
@PageTitle("Transforms · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TransformsView extends VerticalLayout implements BeforeEnterObserver {

  static final int POLL_MS = 5_000;

  /** The query parameter the SQL workbench passes a query in. */
  public static final String QUERY_PARAMETER = "query";

  private static final String MONOSPACE =
      "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

  private final TenantSwitchboard switchboard;
  private final TenantTransforms transforms;
  private final Grid<TransformRow> grid = new Grid<>(TransformRow.class, false);
  private final Paragraph empty = new Paragraph();
  private final FieldErrors errors = new FieldErrors();
  private final Poller polling = new Poller(this::poll);

  private final VerticalLayout editor = new VerticalLayout();
  private final H3 editorTitle = new H3();
  private final Span paused = new Span();
  private final Span lastRun = new Span();
  private final Span nextRun = new Span();
  private final TextField name = new TextField("Name");
  private final TextField target = new TextField("Target dataset");
  private final TextArea description = new TextArea("Description");
  private final TextArea query = new TextArea("Query");
  private final TextField schedule = new TextField("Schedule");
  private final Button create = new Button("New transform");
  private final Button save = new Button("Save");
  private final Button run = new Button("Run now");
  private final Button delete = new Button("Delete…");

  private TenantChoice tenant;
  private List<TransformRow> shown = List.of();

  /** The saved transform in the editor; null for a new one (or none). */
  private TransformRow editing;

  /** What the editor held when it was filled, to tell whether anything was typed since. */
  private TransformDraft loaded;

  @Inject
  public TransformsView(TenantSwitchboard switchboard, TenantTransforms transforms) {
    this.switchboard = switchboard;
    this.transforms = transforms;
    setId("transforms-view");

    grid.setId("transforms-grid");
    // Run messages and pause reasons are sentences: wrap them rather than cut them off.
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(TransformRow::name).setHeader("Name").setKey("name").setAutoWidth(true);
    grid.addColumn(TransformRow::target).setHeader("Target").setKey("target").setAutoWidth(true);
    grid.addColumn(t -> ScheduleText.schedule(t.schedule()))
        .setHeader("Schedule")
        .setKey("schedule")
        .setAutoWidth(true);
    grid.addComponentColumn(TransformsView::state)
        .setHeader("State")
        .setKey("state")
        .setWidth("14rem")
        .setFlexGrow(1);
    grid.addColumn(t -> TransformText.lastRun(t.lastRun()))
        .setHeader("Last run")
        .setKey("last-run")
        .setWidth("18rem")
        .setFlexGrow(2);
    grid.addColumn(TransformText::nextRun)
        .setHeader("Next run")
        .setKey("next-run")
        .setAutoWidth(true);
    grid.setAllRowsVisible(true);
    grid.addItemClickListener(e -> open(e.getItem()));
    empty.setId("transforms-empty");

    editor.setId("transform-editor");
    editor.setPadding(false);
    editorTitle.setId("transform-editor-title");
    paused.setId("transform-paused");
    paused.getElement().getThemeList().add("badge error");
    paused.getStyle().set("white-space", "normal");
    lastRun.setId("transform-last-run");
    nextRun.setId("transform-next-run");

    name.setId("transform-name");
    name.setHelperText("lowercase letters, digits and _, starting with a letter, e.g. daily_sales");
    name.setWidth("24rem");
    target.setId("transform-target");
    target.setHelperText(
        "The result replaces this dataset's rows on every run; it is declared from the result's"
            + " columns on the first run if it does not exist yet.");
    target.setWidth("24rem");
    description.setId("transform-description");
    description.setWidthFull();
    query.setId("transform-query");
    query.setWidthFull();
    query.setMinHeight("10rem");
    query.setMaxHeight("24rem");
    query.setHelperText(
        "A SELECT over your datasets (DuckDB dialect), each at its current version.");
    // The slotted <textarea> inherits the host's font, so the whole editor turns monospace.
    query.getStyle().set("font-family", MONOSPACE);
    query.getElement().setAttribute("spellcheck", "false");
    schedule.setId("transform-schedule");
    schedule.setPlaceholder("manual");
    schedule.setHelperText(TransformText.SCHEDULE_FORMS);
    schedule.setWidth("24rem");

    create.setId("transform-new");
    create.addClickListener(e -> whenSaved(() -> startNew("")));
    save.setId("transform-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(e -> save());
    run.setId("transform-run");
    run.setTooltipText("Runs the transform as saved and replaces the target's rows");
    // A run can take a while: one click, one run.
    run.setDisableOnClick(true);
    run.addClickListener(e -> runNow());
    delete.setId("transform-delete");
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    delete.addClickListener(e -> confirmDelete());

    errors.register("name", name);
    errors.register("target", target);
    errors.register("description", description);
    errors.register("query", query);
    errors.register("schedule", schedule);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<String> prefill =
        event.getLocation().getQueryParameters().getSingleParameter(QUERY_PARAMETER);
    Guards.requireTenant(event, switchboard).ifPresent(t -> show(t, prefill.orElse(null)));
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    pollIfScheduled(event.getUI());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.stop(event.getUI());
    super.onDetach(event);
  }

  private boolean writer() {
    return tenant.holdsAny(TenantTransforms.WRITERS);
  }

  /**
   * @param prefilledQuery a query to start a new transform with (from the SQL workbench), or null
   */
  void show(TenantChoice chosen, String prefilledQuery) {
    tenant = chosen;
    removeAll();
    shown = List.of();
    editing = null;
    loaded = null;
    errors.clear();

    H2 title = new H2("Transforms of " + tenant.name());
    HorizontalLayout header = new HorizontalLayout(title);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (writer()) {
      header.add(create);
    }
    Paragraph about =
        new Paragraph(
            "A transform is a named SELECT over your datasets whose result replaces a target"
                + " dataset's rows on every run, as a new version that records the versions it"
                + " read. It runs when someone presses Run now or by itself on its schedule; a"
                + " schedule that keeps failing pauses until the transform is saved again.");
    add(header, about, empty, grid, editorPanel());
    refresh();
    if (writer() && prefilledQuery != null && !prefilledQuery.isBlank()) {
      startNew(prefilledQuery);
    } else if (writer() && shown.isEmpty()) {
      startNew("");
    } else {
      editor.setVisible(false);
    }
    getUI().ifPresent(this::pollIfScheduled);
  }

  private Component editorPanel() {
    editor.removeAll();
    HorizontalLayout status = new HorizontalLayout(paused, lastRun, nextRun);
    status.setAlignItems(FlexComponent.Alignment.BASELINE);
    status.getStyle().set("flex-wrap", "wrap");
    FormLayout identity = new FormLayout(name, target);
    editor.add(editorTitle, status, identity, description, query, schedule);
    boolean writer = writer();
    name.setReadOnly(!writer);
    target.setReadOnly(!writer);
    schedule.setReadOnly(!writer);
    description.setReadOnly(!writer);
    query.setReadOnly(!writer);
    if (writer) {
      HorizontalLayout actions = new HorizontalLayout(save, run, delete);
      actions.setId("transform-actions");
      editor.add(actions);
    }
    return editor;
  }

  // ---- the list ----------------------------------------------------------------------------

  /** The badge a row shows: paused (with the reason below it), scheduled, or manual. */
  static Component state(TransformRow row) {
    Span badge = new Span();
    badge.addClassName("transform-state");
    badge.getElement().setAttribute("data-transform", row.name());
    Div cell = new Div(badge);
    if (row.paused()) {
      badge.setText("paused");
      badge.getElement().getThemeList().add("badge error");
      badge.addClassName("transform-paused");
      badge.getElement().setAttribute("data-state", "paused");
      badge.setTitle(row.pausedReason());
      Span reason = new Span(row.pausedReason());
      reason.addClassName("transform-paused-reason");
      reason
          .getStyle()
          .set("display", "block")
          .set("font-size", "var(--lumo-font-size-xs)")
          .set("color", "var(--lumo-secondary-text-color)")
          .set("white-space", "normal");
      cell.add(reason);
    } else if (row.scheduled()) {
      badge.setText("scheduled");
      badge.getElement().getThemeList().add("badge success");
      badge.getElement().setAttribute("data-state", "scheduled");
    } else {
      badge.setText("manual");
      badge.getElement().getThemeList().add("badge contrast");
      badge.getElement().setAttribute("data-state", "manual");
    }
    return cell;
  }

  /** Fetches the list and shows it; the editor's fields are never touched, only its status. */
  private boolean refresh() {
    try {
      List<TransformRow> latest = transforms.list(tenant.slug());
      if (!latest.equals(shown)) {
        shown = latest;
        grid.setItems(latest);
      }
      empty.setText(
          writer()
              ? "No transforms yet. Write a SELECT below (or in SQL, then Save as transform…)"
                  + " and name the dataset its result goes into."
              : "No transforms yet. Your data engineers define them.");
      empty.setVisible(latest.isEmpty());
      grid.setVisible(!latest.isEmpty());
      if (editing != null) {
        latest.stream()
            .filter(t -> t.name().equals(editing.name()))
            .findFirst()
            .ifPresent(this::showStatus);
      }
      return true;
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return false;
    }
  }

  private void pollIfScheduled(UI ui) {
    boolean scheduled =
        tenant != null && shown.stream().anyMatch(t -> t.scheduled() && !t.paused());
    polling.keep(ui, scheduled, POLL_MS);
  }

  private void poll() {
    if (tenant == null || !refresh()) {
      getUI().ifPresent(polling::stop);
      return;
    }
    getUI().ifPresent(this::pollIfScheduled);
  }

  // ---- the editor --------------------------------------------------------------------------

  /** Opens a transform of the list, after asking whether to drop what was typed into another. */
  void open(String transformName) {
    shown.stream().filter(t -> t.name().equals(transformName)).findFirst().ifPresent(this::open);
  }

  private void open(TransformRow row) {
    if (editing != null && editing.name().equals(row.name()) && editor.isVisible()) {
      return;
    }
    whenSaved(() -> fill(row));
  }

  /** Runs {@code next} now if nothing was typed since the editor was filled, else after asking. */
  private void whenSaved(Runnable next) {
    if (!writer() || loaded == null || !editor.isVisible() || draft().equals(loaded)) {
      next.run();
      return;
    }
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Discard your changes?",
            editing == null
                ? "The new transform has not been saved."
                : "Your changes to " + editing.name() + " have not been saved.",
            "Discard",
            e -> next.run());
    confirm.setId("transform-discard-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  private void startNew(String prefilledQuery) {
    editing = null;
    errors.clear();
    editorTitle.setText("New transform");
    name.setValue("");
    name.setReadOnly(false);
    target.setValue("");
    description.setValue("");
    query.setValue(prefilledQuery == null ? "" : prefilledQuery);
    schedule.setValue("manual");
    loaded = new TransformDraft("", "", "", "", "manual");
    paused.setVisible(false);
    lastRun.setVisible(false);
    nextRun.setVisible(false);
    run.setVisible(false);
    delete.setVisible(false);
    editor.setVisible(true);
  }

  private void fill(TransformRow t) {
    editing = t;
    errors.clear();
    editorTitle.setText("Transform " + t.name());
    name.setValue(t.name());
    // A transform keeps its name; a new one is defined to rename it.
    name.setReadOnly(true);
    target.setValue(t.target());
    description.setValue(t.description() == null ? "" : t.description());
    query.setValue(t.query());
    schedule.setValue(ScheduleText.editable(t.schedule()));
    loaded = draft();
    run.setVisible(true);
    delete.setVisible(true);
    showStatus(t);
    editor.setVisible(true);
  }

  /** What changes by itself while the page is open: the pause, the last run and the next one. */
  private void showStatus(TransformRow t) {
    editing = t;
    paused.setText(TransformText.paused(t.pausedReason()));
    paused.setVisible(t.paused());
    lastRun.setText("Last run: " + TransformText.lastRun(t.lastRun()));
    lastRun
        .getElement()
        .setAttribute("data-status", t.lastRun() == null ? "" : t.lastRun().status());
    lastRun.setVisible(true);
    String next = TransformText.nextRun(t);
    nextRun.setText(next.isEmpty() ? "" : "Next run: " + next);
    nextRun.setVisible(!next.isEmpty());
  }

  private TransformDraft draft() {
    return new TransformDraft(
        name.getValue(),
        description.getValue(),
        query.getValue(),
        target.getValue(),
        schedule.getValue());
  }

  private void save() {
    errors.clear();
    TransformDraft draft = draft();
    boolean creating = editing == null;
    try {
      TransformRow saved = transforms.save(tenant.slug(), creating ? null : editing.name(), draft);
      String next = TransformText.nextRun(saved);
      Toasts.success(
          "Transform "
              + saved.name()
              + (creating ? " defined" : " saved")
              + (!saved.scheduled()
                  ? ": press Run now to write " + saved.target() + "."
                  : next.isEmpty() ? "." : "; it runs next at " + next + "."));
      refresh();
      fill(saved);
      getUI().ifPresent(this::pollIfScheduled);
    } catch (ConsoleException ex) {
      if (ex.fieldErrors().isEmpty()) {
        Toasts.error(ex.getMessage());
        return;
      }
      List<String> unshown = errors.show(ex.fieldErrors());
      Toasts.error(
          "The transform was not saved: please correct the marked fields"
              + (unshown.isEmpty() ? "." : "; also " + String.join("; ", unshown) + "."));
    }
  }

  private void runNow() {
    if (editing == null) {
      return;
    }
    String transform = editing.name();
    try {
      TransformRunOutcome outcome = transforms.runNow(tenant.slug(), transform);
      Toasts.success(
          TransformText.outcome(transform, outcome)
              + (draft().equals(loaded) ? "" : " Your unsaved changes were not used."));
    } catch (ConsoleException ex) {
      Toasts.error("The run of " + transform + " failed: " + ex.getMessage());
    } finally {
      run.setEnabled(true);
    }
    // The run is recorded as the transform's last run, succeeded or failed.
    refresh();
  }

  private void confirmDelete() {
    if (editing == null) {
      return;
    }
    String transform = editing.name();
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Delete transform " + transform + "?",
            "It stops running, also on its schedule. The dataset "
                + editing.target()
                + " and its versions stay.",
            "Delete",
            e -> {
              try {
                transforms.remove(tenant.slug(), transform);
                Toasts.success("Transform " + transform + " deleted.");
                editing = null;
                loaded = null;
                editor.setVisible(false);
                refresh();
                getUI().ifPresent(this::pollIfScheduled);
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    confirm.setId("transform-delete-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }
}
