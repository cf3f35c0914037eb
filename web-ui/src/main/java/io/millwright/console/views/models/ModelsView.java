package io.millwright.console.views.models;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.ModelRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TrainingRunRow;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Poller;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A tenant's models: every member reads the registry (each model with its task, latest version,
 * champion and challenger) and the recent training runs with their status badges; trainers start
 * the "train a model" wizard from here. While a run is queued or running the page polls every
 * {@value #POLL_MS} ms and updates the runs (and the models, which a finished run may change).
 */
@Route(value = "t/:slug/models", layout = MainLayout.class)
@PageTitle("Models · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class ModelsView extends VerticalLayout implements BeforeEnterObserver {

  static final int POLL_MS = 5_000;
  static final int RUNS_SHOWN = 50;

  private final TenantSwitchboard switchboard;
  private final TenantModels models;
  private final Grid<ModelRow> modelsGrid = ModelGrids.models();
  private final Grid<TrainingRunRow> runsGrid = ModelGrids.runs();
  private final Paragraph modelsEmpty = new Paragraph();
  private final Paragraph runsEmpty = new Paragraph();
  private TenantChoice tenant;
  private List<TrainingRunRow> shownRuns = List.of();
  private List<ModelRow> shownModels = List.of();
  private final Poller polling = new Poller(this::poll);

  @Inject
  public ModelsView(TenantSwitchboard switchboard, TenantModels models) {
    this.switchboard = switchboard;
    this.models = models;
    setId("models-view");
    modelsEmpty.setId("models-empty");
    runsEmpty.setId("training-runs-empty");
    modelsGrid.setAllRowsVisible(true);
    runsGrid.setHeight("24rem");
    modelsGrid.addItemClickListener(
        e ->
            getUI()
                .ifPresent(
                    ui -> ui.navigate("t/" + tenant.slug() + "/models/" + e.getItem().name())));
    runsGrid.addItemClickListener(
        e ->
            getUI()
                .ifPresent(
                    ui -> ui.navigate("t/" + tenant.slug() + "/models/runs/" + e.getItem().id())));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    polling.stop(event.getUI());
    super.onDetach(event);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    super.onAttach(event);
    pollIfActive(event.getUI());
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    boolean trainer = tenant.holdsAny(TenantModels.TRAINERS);
    HorizontalLayout header = new HorizontalLayout(new H2("Models of " + tenant.name()));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (trainer) {
      Button train =
          new Button(
              "Train a model",
              e -> getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/models/train")));
      train.setId("train-model");
      train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      header.add(train);
    }
    modelsEmpty.setText(
        trainer
            ? "No models yet. Train a model on a dataset: each successful run adds a version."
            : "No models yet. Analysts and data engineers train them.");
    runsEmpty.setText("No training runs yet.");
    add(header, new H3("Models"), modelsEmpty, modelsGrid, new H3("Training runs"), runsEmpty);
    add(runsGrid);
    shownRuns = List.of();
    shownModels = List.of();
    refresh();
    getUI().ifPresent(this::pollIfActive);
  }

  /** Fetches both lists; returns false when the platform refused (said once, as a toast). */
  private boolean refresh() {
    try {
      List<ModelRow> latestModels = models.models(tenant.slug());
      if (!latestModels.equals(shownModels)) {
        shownModels = latestModels;
        modelsGrid.setItems(latestModels);
      }
      List<TrainingRunRow> latestRuns = models.runs(tenant.slug(), RUNS_SHOWN);
      if (!latestRuns.equals(shownRuns)) {
        shownRuns = latestRuns;
        runsGrid.setItems(latestRuns);
      }
      modelsEmpty.setVisible(shownModels.isEmpty());
      modelsGrid.setVisible(!shownModels.isEmpty());
      runsEmpty.setVisible(shownRuns.isEmpty());
      return true;
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return false;
    }
  }

  private boolean anyActive() {
    return shownRuns.stream().anyMatch(r -> RunStates.active(r.status()));
  }

  private void pollIfActive(UI ui) {
    polling.keep(ui, tenant != null && anyActive(), POLL_MS);
  }

  private void poll() {
    if (tenant == null || !refresh()) {
      getUI().ifPresent(polling::stop);
      return;
    }
    getUI().ifPresent(this::pollIfActive);
  }
}
