package io.millwright.console.views.connections;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionRunRow;
import io.millwright.console.ports.ConnectionTestResult;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantConnections;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Poller;
import io.millwright.console.views.shell.ScheduleText;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection: its state badge and, for writers, Run now, Pause, Resume, Test and Delete; what
 * it is doing now; its configuration (secrets only as "set"); where reading resumes; its runs,
 * newest first. While the page is open it polls (every {@value #POLL_RUNNING_MS} ms during a run,
 * every {@value #POLL_IDLE_MS} ms otherwise) and updates the state, live status, offset and runs.
 */
@Route(value = "t/:slug/connections/:name", layout = MainLayout.class)
@PageTitle("Connection · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class ConnectionView extends VerticalLayout implements BeforeEnterObserver {

  static final int POLL_RUNNING_MS = 2_000;
  static final int POLL_IDLE_MS = 5_000;
  static final int RUNS_SHOWN = 50;

  private final TenantSwitchboard switchboard;
  private final TenantConnections connections;
  private final Span badge = new Span();
  private final Paragraph pausedReason = new Paragraph();
  private final Span liveState = new Span();
  private final Span liveLine = new Span();
  private final Span liveError = new Span();
  private final Paragraph offset = new Paragraph();
  private final Paragraph pushAddress = new Paragraph();
  private final Div testResult = new Div();
  private final Grid<ConnectionRunRow> runs = ConnectionGrids.runs();
  private final Button runNow = new Button("Run now");
  private final Button pause = new Button("Pause");
  private final Button resume = new Button("Resume");
  private final Button test = new Button("Test connection");
  private final Button delete = new Button("Delete…");
  private TenantChoice tenant;
  private String name;
  private ConnectionDetail detail;
  private List<ConnectionRunRow> shownRuns = List.of();
  private final Poller polling = new Poller(this::poll);

  @Inject
  public ConnectionView(TenantSwitchboard switchboard, TenantConnections connections) {
    this.switchboard = switchboard;
    this.connections = connections;
    setId("connection-view");
    badge.setId("connection-state");
    pausedReason.setId("connection-paused-reason");
    liveState.setId("connection-live-state");
    liveLine.setId("connection-live-line");
    liveError.setId("connection-live-error");
    liveError.getStyle().set("color", "var(--lumo-error-text-color)");
    offset.setId("connection-offset");
    testResult.setId("connection-test-result");
    testResult.getElement().setAttribute("role", "status");
    runs.setHeight("24rem");

    runNow.setId("connection-run-now");
    runNow.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    runNow.addClickListener(e -> runNow());
    pause.setId("connection-pause");
    pause.addClickListener(e -> act(() -> connections.pause(tenant.slug(), name), "paused"));
    resume.setId("connection-resume");
    resume.addClickListener(e -> act(() -> connections.resume(tenant.slug(), name), "resumed"));
    test.setId("connection-test");
    test.addClickListener(e -> startTest());
    delete.setId("connection-delete");
    delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
    delete.addClickListener(e -> confirmDelete());
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    name = event.getRouteParameters().get("name").orElse("");
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    polling.keep(event.getUI(), true, POLL_IDLE_MS);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.stop(event.getUI());
    super.onDetach(event);
  }

  private boolean writer() {
    return tenant.holdsAny(TenantConnections.WRITERS);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    detail = null;
    shownRuns = List.of();
    testResult.removeAll();
    ConnectionDetail loaded;
    try {
      loaded = connections.get(tenant.slug(), name);
    } catch (ConsoleException ex) {
      Paragraph problem = new Paragraph(ex.getMessage());
      problem.setId("connection-problem");
      add(new H2("Connection " + name), problem);
      return;
    }
    H2 title = new H2(loaded.name());
    title.setId("connection-name");
    HorizontalLayout header = new HorizontalLayout(title, badge);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (writer()) {
      header.add(runNow, pause, resume, test, delete);
    }
    Anchor back = new Anchor("t/" + tenant.slug() + "/connections", "All connections");
    back.setId("connection-back");
    Anchor datasetLink =
        new Anchor("t/" + tenant.slug() + "/datasets/" + loaded.dataset(), loaded.dataset());
    datasetLink.setId("connection-dataset");
    Paragraph summary =
        new Paragraph(
            new Span(loaded.connector() + " into "),
            datasetLink,
            new Span(
                " · "
                    + ScheduleText.schedule(loaded.schedule())
                    + " · "
                    + loaded.writeMode()
                    + " · "
                    + loaded.batchRecords()
                    + " records per commit · created by "
                    + loaded.createdBy()
                    + " on "
                    + ConnectionText.utc(loaded.createdAt())));
    summary.setId("connection-summary");
    Div live = new Div(liveState, new Span(" "), liveLine, new Paragraph(liveError));
    live.setId("connection-live");
    add(header, back);
    if (loaded.description() != null && !loaded.description().isBlank()) {
      add(new Paragraph(loaded.description()));
    }
    add(
        summary,
        pushAddress,
        pausedReason,
        testResult,
        new H3("Now"),
        live,
        new H3("Configuration"),
        ConnectionGrids.configuration(loaded),
        new H3("Committed offset"),
        offset,
        new H3("Runs"),
        runs);
    update(loaded);
    showRuns();
    // Reused for another connection (same route), the page may have stopped polling before.
    getUI().ifPresent(ui -> polling.keep(ui, true, POLL_IDLE_MS));
  }

  /** Everything on the page that changes while it is open. */
  private void update(ConnectionDetail d) {
    detail = d;
    ConnectionStates.Badge b = ConnectionStates.of(d);
    badge.setText(b.label());
    badge.getElement().getThemeList().clear();
    badge.getElement().getThemeList().addAll(List.of(b.theme().split(" ")));
    badge.getElement().setAttribute("data-state", b.key());
    pausedReason.setText(
        d.active() ? "" : "Paused: " + ConnectionText.orEmpty(d.pausedReason()) + ".");
    pausedReason.setVisible(!d.active());
    liveState.setText(d.live() == null ? "" : d.live().state());
    liveState.getElement().setAttribute("data-state", d.live() == null ? "" : d.live().state());
    liveState.getElement().getThemeList().clear();
    liveState.getElement().getThemeList().add("badge");
    liveLine.setText(
        d.live() == null
            ? ""
            : ConnectionText.orEmpty(d.live().statusLine())
                + (d.live().running()
                    ? " · " + d.live().recordsThisRun() + " records so far"
                    : ""));
    liveError.setText(
        d.live() == null || d.live().lastError() == null
            ? ""
            : "Last error: " + d.live().lastError());
    offset.setText(ConnectionText.offset(d));
    showPushAddress(d.pushPath());
    boolean runnable = d.active() && ScheduleChoice.runnable(d.schedule());
    runNow.setVisible(runnable);
    runNow.setEnabled(d.live() == null || !d.live().running());
    pause.setVisible(d.active());
    resume.setVisible(!d.active());
  }

  /**
   * Where senders deliver, as a full address in the browser's own origin (right behind a proxy,
   * unlike the server's idea of its host name).
   */
  private void showPushAddress(String path) {
    pushAddress.setVisible(path != null);
    if (path == null || pushAddress.getElement().hasAttribute("data-path")) {
      return;
    }
    pushAddress.setId("push-address");
    pushAddress.getElement().setAttribute("data-path", path);
    pushAddress.setText("Senders deliver to " + path + " (signed with the connection's secret).");
    getUI()
        .ifPresent(
            ui ->
                ui.getPage()
                    .fetchCurrentURL(
                        url ->
                            pushAddress.setText(
                                "Senders deliver to "
                                    + url.getProtocol()
                                    + "://"
                                    + url.getAuthority()
                                    + path
                                    + " (signed with the connection's secret).")));
  }

  private void showRuns() {
    try {
      List<ConnectionRunRow> latest = connections.runs(tenant.slug(), name, RUNS_SHOWN);
      if (!latest.equals(shownRuns)) {
        shownRuns = latest;
        runs.setItems(latest);
      }
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  /** A poll from the browser: fetch what changes, and poll faster while a run is going. */
  private void poll() {
    if (detail == null || tenant == null) {
      // Nothing to refresh: the connection could not be shown.
      getUI().ifPresent(polling::stop);
      return;
    }
    try {
      update(connections.get(tenant.slug(), name));
      showRuns();
    } catch (ConsoleException ex) {
      // Gone (deleted elsewhere) or no longer allowed: say so once and stop asking.
      liveError.setText("This page stopped refreshing: " + ex.getMessage());
      getUI().ifPresent(polling::stop);
      return;
    }
    boolean busy =
        (detail.live() != null && detail.live().running())
            || shownRuns.stream().anyMatch(r -> "running".equals(r.status()));
    getUI().ifPresent(ui -> polling.keep(ui, true, busy ? POLL_RUNNING_MS : POLL_IDLE_MS));
  }

  private void runNow() {
    try {
      connections.runNow(tenant.slug(), name);
      Toasts.success("Run of " + name + " started; its progress shows below.");
      getUI().ifPresent(ui -> polling.keep(ui, true, POLL_RUNNING_MS));
      poll();
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  private interface Action {
    ConnectionDetail run();
  }

  private void act(Action action, String done) {
    try {
      ConnectionDetail changed = action.run();
      update(changed);
      showRuns();
      Toasts.success(name + " " + done + ".");
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  /** As in the wizard: say the test is under way, then run it in the next round trip. */
  private void startTest() {
    testResult.removeAll();
    test.setEnabled(false);
    testResult.add(new Span("Testing: reaching the source…"));
    testResult.getElement().executeJs("return 0").then(Integer.class, ignored -> runTest());
  }

  private void runTest() {
    testResult.removeAll();
    try {
      ConnectionTestResult result = connections.testSaved(tenant.slug(), name);
      Span ok = new Span("The connection works: " + result.summary());
      ok.setId("connection-test-summary");
      testResult.add(ok);
      if (!result.sample().isEmpty()) {
        testResult.add(ConnectionGrids.sample("connection-test-sample-grid", result));
      }
    } catch (ConsoleException ex) {
      Span failed = new Span("The connection test failed: " + ex.getMessage());
      failed.setId("connection-test-failed");
      failed.getStyle().set("color", "var(--lumo-error-text-color)");
      testResult.add(failed);
    } finally {
      test.setEnabled(true);
    }
  }

  private void confirmDelete() {
    List<String> lines = new ArrayList<>();
    lines.add("Its route stops and its runs are deleted.");
    lines.add("The data it wrote into " + detail.dataset() + " stays.");
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Delete connection " + name + "?",
            String.join(" ", lines),
            "Delete",
            e -> {
              try {
                connections.delete(tenant.slug(), name);
                Toasts.success("Connection " + name + " deleted.");
                getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/connections"));
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    confirm.setId("delete-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }
}
