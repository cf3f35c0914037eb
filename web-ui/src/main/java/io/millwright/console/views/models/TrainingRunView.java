package io.millwright.console.views.models;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Poller;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * One training run, followed live: its status badge, a progress bar over the planned epochs, its
 * place in the queue and why it waits, the loss curves (an SVG drawn on the server), and when it
 * has finished its metrics beside the naive baseline and a link to the version it made; trainers
 * cancel it while it is queued or running. While it may still change the page polls (every {@value
 * #POLL_RUNNING_MS} ms while running, every {@value #POLL_QUEUED_MS} ms while queued), and stops
 * once it has finished.
 */
@Route(value = "t/:slug/models/runs/:id", layout = MainLayout.class)
@PageTitle("Training run · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TrainingRunView extends VerticalLayout implements BeforeEnterObserver {

  static final int POLL_RUNNING_MS = 2_000;
  static final int POLL_QUEUED_MS = 5_000;

  private final TenantSwitchboard switchboard;
  private final TenantModels models;
  private final Span badge = new Span();
  private final ProgressBar progress = new ProgressBar();
  private final Span progressText = new Span();
  private final Paragraph queue = new Paragraph();
  private final Paragraph error = new Paragraph();
  private final Paragraph summary = new Paragraph();
  private final Div curves = new Div();
  private final H3 metricsTitle = new H3("Metrics on the held-out rows");
  private final Grid<ModelText.MetricLine> metrics = new Grid<>(ModelText.MetricLine.class, false);
  private final Paragraph outcome = new Paragraph();
  private final Button cancel = new Button("Cancel run");
  private final Paragraph stale = new Paragraph();
  private TenantChoice tenant;
  private String id;
  private TrainingRunDetail shown;
  private final Poller polling = new Poller(this::poll);

  @Inject
  public TrainingRunView(TenantSwitchboard switchboard, TenantModels models) {
    this.switchboard = switchboard;
    this.models = models;
    setId("training-run-view");
    badge.setId("run-status");
    progress.setId("run-progress");
    progress.setMin(0);
    progress.setMax(1);
    progress.setWidth("24rem");
    progressText.setId("run-progress-text");
    queue.setId("run-queue");
    error.setId("run-error");
    error.getStyle().set("color", "var(--lumo-error-text-color)");
    summary.setId("run-summary");
    curves.setId("run-curves");
    curves.setWidthFull();
    curves.getStyle().set("max-width", MetricCurves.WIDTH + "px");
    metrics.setId("run-metrics");
    metrics.addColumn(ModelText.MetricLine::metric).setHeader("Metric").setAutoWidth(true);
    metrics.addColumn(ModelText.MetricLine::value).setHeader("Model").setAutoWidth(true);
    metrics
        .addColumn(ModelText.MetricLine::baseline)
        .setHeader("Naive baseline")
        .setAutoWidth(true);
    metrics.addColumn(ModelText.MetricLine::verdict).setHeader("").setFlexGrow(1);
    metrics.setAllRowsVisible(true);
    metrics.setWidth("40rem");
    outcome.setId("run-outcome");
    cancel.setId("run-cancel");
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
    cancel.addClickListener(e -> cancel());
    stale.setId("run-stale");
    stale.getStyle().set("color", "var(--lumo-secondary-text-color)");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String wanted = event.getRouteParameters().get("id").orElse("");
    Guards.requireTenant(event, switchboard).ifPresent(t -> show(t, wanted));
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    pollWhileActive(event.getUI());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.stop(event.getUI());
    super.onDetach(event);
  }

  void show(TenantChoice chosen, String runId) {
    tenant = chosen;
    id = runId;
    removeAll();
    shown = null;
    TrainingRunDetail run;
    try {
      run = models.run(tenant.slug(), id);
    } catch (ConsoleException ex) {
      Paragraph problem = new Paragraph(ex.getMessage());
      problem.setId("run-problem");
      add(new H2("Training run"), problem);
      return;
    }
    H2 title = new H2("Training " + run.model());
    title.setId("run-title");
    HorizontalLayout header = new HorizontalLayout(title, badge);
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (tenant.holdsAny(TenantModels.TRAINERS)) {
      header.add(cancel);
    }
    Anchor back = new Anchor("t/" + tenant.slug() + "/models", "All models and runs");
    back.setId("run-back");
    HorizontalLayout progressLine = new HorizontalLayout(progress, progressText);
    progressLine.setAlignItems(FlexComponent.Alignment.CENTER);
    add(
        header,
        back,
        summary,
        progressLine,
        queue,
        error,
        stale,
        outcome,
        new H3("Learning curves"),
        curves,
        metricsTitle,
        metrics);
    update(run);
    getUI().ifPresent(this::pollWhileActive);
  }

  /** Everything on the page that changes while the run goes. */
  private void update(TrainingRunDetail run) {
    TrainingRunDetail before = shown;
    shown = run;
    RunStates.Badge b = RunStates.of(run.status(), run.cancelRequested());
    badge.setText(b.label());
    badge.getElement().getThemeList().clear();
    badge.getElement().getThemeList().addAll(List.of(b.theme().split(" ")));
    badge.getElement().setAttribute("data-status", b.key());

    Double value = ModelText.progressValue(run.status(), run.epochs().size(), run.epochsPlanned());
    progress.setIndeterminate(value == null);
    if (value != null) {
      progress.setValue(value);
    }
    progress.getElement().setAttribute("data-epochs", String.valueOf(run.epochs().size()));
    progress.getElement().setAttribute("data-planned", String.valueOf(run.epochsPlanned()));
    progressText.setText(ModelText.progress(run));

    queue.setText(ModelText.queue(run));
    queue.setVisible(run.queued());
    error.setText(run.error() == null ? "" : "The run failed: " + run.error());
    error.setVisible(run.error() != null);
    summary.setText(summary(run));
    outcome.removeAll();
    outcome.setVisible(run.modelVersion() != null);
    if (run.modelVersion() != null) {
      Anchor model =
          new Anchor(
              "t/" + tenant.slug() + "/models/" + run.model(),
              "version " + run.modelVersion() + " of " + run.model());
      model.setId("run-model");
      outcome.add(new Span("It made "), model, new Span("."));
    }
    cancel.setVisible(RunStates.active(run.status()) && !run.cancelRequested());

    if (before == null || !before.epochs().equals(run.epochs())) {
      // Inline, inside a div, so the browser parses it as SVG (a root <svg> element made by Flow
      // would be an HTML element and draw nothing) and tests can read its curves.
      curves
          .getElement()
          .setProperty("innerHTML", MetricCurves.svg(run.epochs(), run.epochsPlanned()));
      curves.getElement().setAttribute("data-epochs", String.valueOf(run.epochs().size()));
    }
    boolean hasMetrics = !run.metrics().isEmpty();
    metricsTitle.setVisible(hasMetrics);
    metrics.setVisible(hasMetrics);
    if (hasMetrics && (before == null || !before.metrics().equals(run.metrics()))) {
      metrics.setItems(ModelText.metricLines(run));
    }
  }

  private static String summary(TrainingRunDetail run) {
    StringBuilder s = new StringBuilder();
    s.append(ModelText.task(run.task()));
    if (run.target() != null) {
      s.append(" of ").append(run.target());
    }
    s.append(" on ").append(run.dataset()).append('@').append(run.datasetVersion());
    s.append(" with ").append(run.modelType());
    if (run.modelTypeVersion() != null) {
      s.append(' ').append(run.modelTypeVersion());
    }
    if (run.timeColumn() != null) {
      s.append(", ordered by ").append(run.timeColumn());
    }
    s.append(", ").append(run.split()).append(" split");
    if (run.trainingRows() != null && run.validationRows() != null) {
      s.append(" (")
          .append(run.trainingRows())
          .append(" rows to learn, ")
          .append(run.validationRows())
          .append(" held out)");
    }
    s.append(", seed ").append(run.seed());
    if (!run.hyperParameters().isEmpty()) {
      s.append(", ").append(ModelText.settings(run.hyperParameters()));
    }
    s.append(". Requested by ")
        .append(ModelText.orEmpty(run.requestedBy()))
        .append(" at ")
        .append(ModelText.utc(run.queuedAt()))
        .append(" UTC");
    if (run.finishedAt() != null) {
      s.append(", finished at ").append(ModelText.utc(run.finishedAt())).append(" UTC");
    }
    if (run.cpuSeconds() > 0) {
      s.append(", ").append(ModelText.number(run.cpuSeconds())).append(" CPU seconds");
    }
    return s.append('.').toString();
  }

  private void pollWhileActive(UI ui) {
    boolean active = shown != null && RunStates.active(shown.status());
    polling.keep(ui, active, active && shown.queued() ? POLL_QUEUED_MS : POLL_RUNNING_MS);
  }

  /** A poll from the browser: fetch the run; stop asking once it has finished. */
  private void poll() {
    if (shown == null || tenant == null) {
      getUI().ifPresent(polling::stop);
      return;
    }
    try {
      update(models.run(tenant.slug(), id));
    } catch (ConsoleException ex) {
      // No longer allowed, or the platform is unreachable: say so once and stop asking.
      stale.setText("This page stopped refreshing: " + ex.getMessage());
      getUI().ifPresent(polling::stop);
      return;
    }
    getUI().ifPresent(this::pollWhileActive);
  }

  private void cancel() {
    try {
      update(models.cancel(tenant.slug(), id));
      Toasts.success(
          shown.finished()
              ? "Run cancelled."
              : "Cancel requested: the run stops at its next check.");
      getUI().ifPresent(this::pollWhileActive);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      poll();
    }
  }
}
