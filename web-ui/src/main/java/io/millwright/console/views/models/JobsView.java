package io.millwright.console.views.models;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.JobRow;
import io.millwright.console.ports.JobsOverview;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Poller;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * The tenant's jobs now: what runs, what waits, each waiting one with its place in the platform's
 * fair-share queue and the reason in the platform's words, and the quota they use (concurrent CPU
 * jobs, the platform's shared slots, GPU hours of the month). While anything runs or waits the page
 * polls every {@value #POLL_MS} ms.
 */
@Route(value = "t/:slug/jobs", layout = MainLayout.class)
@PageTitle("Jobs · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class JobsView extends VerticalLayout implements BeforeEnterObserver {

  static final int POLL_MS = 3_000;

  private final TenantSwitchboard switchboard;
  private final TenantModels models;
  private final Grid<JobRow> grid = new Grid<>(JobRow.class, false);
  private final Paragraph empty = new Paragraph("No job runs or waits now.");
  private final HorizontalLayout quota = new HorizontalLayout();
  private TenantChoice tenant;
  private JobsOverview shown;
  private final Poller polling = new Poller(this::poll);

  @Inject
  public JobsView(TenantSwitchboard switchboard, TenantModels models) {
    this.switchboard = switchboard;
    this.models = models;
    setId("jobs-view");
    empty.setId("jobs-empty");
    quota.setId("jobs-quota");
    quota.getStyle().set("flex-wrap", "wrap");
    grid.setId("jobs-grid");
    // The reasons are sentences in the platform's words: wrap them rather than cut them off.
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.addColumn(JobRow::model).setHeader("Model").setAutoWidth(true);
    grid.addColumn(JobRow::modelType).setHeader("Model type").setAutoWidth(true);
    grid.addComponentColumn(JobsView::status).setHeader("Status").setAutoWidth(true);
    grid.addColumn(j -> j.queuePosition() == 0 ? "" : "#" + j.queuePosition())
        .setHeader("Place in line")
        .setKey("position")
        .setAutoWidth(true);
    grid.addColumn(j -> j.waitingReason() == null ? runningOn(j) : j.waitingReason())
        .setHeader("Why it waits / where it runs")
        .setKey("reason")
        .setWidth("24rem")
        .setFlexGrow(3);
    grid.addColumn(j -> ModelText.utc(j.queuedAt())).setHeader("Queued (UTC)").setAutoWidth(true);
    grid.setAllRowsVisible(true);
    grid.addItemClickListener(
        e ->
            getUI()
                .ifPresent(
                    ui ->
                        ui.navigate("t/" + tenant.slug() + "/models/runs/" + e.getItem().runId())));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    pollIfActive(event.getUI());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.stop(event.getUI());
    super.onDetach(event);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    shown = null;
    removeAll();
    H2 title = new H2("Jobs of " + tenant.name());
    title.setId("jobs-title");
    add(title, quota, empty, grid);
    refresh();
    getUI().ifPresent(this::pollIfActive);
  }

  private boolean refresh() {
    try {
      JobsOverview latest = models.jobs(tenant.slug());
      if (!latest.equals(shown)) {
        shown = latest;
        quota.removeAll();
        quota.add(
            figure(
                "jobs-cpu",
                latest.cpuJobsRunning() + " of " + latest.cpuJobsAllowed() + " CPU jobs running",
                "The tenant's concurrent training jobs; more wait in line."),
            figure("jobs-queued", latest.queued() + " waiting", "The tenant's queued jobs."),
            figure(
                "jobs-platform",
                latest.platformSlotsBusy()
                    + " of "
                    + latest.platformSlots()
                    + " platform slots busy",
                "Shared by every tenant: when all are busy, the next goes to the tenant with the"
                    + " fewest running jobs."),
            figure(
                "jobs-gpu",
                latest.gpuHoursPerMonth() <= 0
                    ? "No GPU quota"
                    : String.format(
                        Locale.ROOT,
                        "%.1f of %.1f GPU hours used this month",
                        latest.gpuHoursUsed(),
                        latest.gpuHoursPerMonth()),
                "GPU jobs run on a GPU when one is present and the quota allows."));
        grid.setItems(latest.jobs());
        empty.setVisible(latest.jobs().isEmpty());
        grid.setVisible(!latest.jobs().isEmpty());
      }
      return true;
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return false;
    }
  }

  private static Span figure(String id, String text, String title) {
    Span span = new Span(text);
    span.setId(id);
    span.setTitle(title);
    span.getElement().getThemeList().add("badge contrast");
    return span;
  }

  private static Span status(JobRow job) {
    Span badge = new Span(job.status());
    badge.addClassName("job-status");
    badge.getElement().setAttribute("data-run", job.runId());
    badge
        .getElement()
        .getThemeList()
        .add(job.status().equals("running") ? "badge" : "badge contrast");
    return badge;
  }

  private static String runningOn(JobRow job) {
    return "on "
        + (job.device() == null ? "cpu" : job.device())
        + (job.node() == null ? "" : " · node " + job.node())
        + (job.startedAt() == null ? "" : " · since " + ModelText.utc(job.startedAt()) + " UTC");
  }

  private void pollIfActive(UI ui) {
    polling.keep(ui, tenant != null && shown != null && !shown.jobs().isEmpty(), POLL_MS);
  }

  private void poll() {
    if (tenant == null || !refresh()) {
      getUI().ifPresent(polling::stop);
      return;
    }
    getUI().ifPresent(this::pollIfActive);
  }
}
