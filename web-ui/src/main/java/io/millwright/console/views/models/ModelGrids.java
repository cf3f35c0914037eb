package io.millwright.console.views.models;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.millwright.console.ports.ModelRow;
import io.millwright.console.ports.TrainingRunRow;

/** The grids and badges of model pages, each with a stable id or data attributes for tests. */
final class ModelGrids {

  private ModelGrids() {}

  static Grid<ModelRow> models() {
    Grid<ModelRow> grid = new Grid<>(ModelRow.class, false);
    grid.setId("models-grid");
    grid.addColumn(ModelRow::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(m -> ModelText.task(m.task())).setHeader("Task").setAutoWidth(true);
    grid.addColumn(ModelRow::latestVersion).setHeader("Latest version").setAutoWidth(true);
    grid.addComponentColumn(m -> aliases(m.name(), m.champion(), m.challenger()))
        .setHeader("Champion / challenger")
        .setKey("aliases")
        .setAutoWidth(true);
    grid.addColumn(m -> ModelText.utc(m.createdAt()) + " · " + ModelText.orEmpty(m.createdBy()))
        .setHeader("Created (UTC)")
        .setFlexGrow(1);
    return grid;
  }

  static Grid<TrainingRunRow> runs() {
    Grid<TrainingRunRow> grid = new Grid<>(TrainingRunRow.class, false);
    grid.setId("training-runs-grid");
    grid.addColumn(r -> ModelText.utc(r.queuedAt())).setHeader("Queued (UTC)").setAutoWidth(true);
    grid.addColumn(TrainingRunRow::model).setHeader("Model").setAutoWidth(true);
    grid.addColumn(TrainingRunRow::dataset).setHeader("Dataset").setAutoWidth(true);
    grid.addColumn(TrainingRunRow::modelType).setHeader("Model type").setAutoWidth(true);
    grid.addComponentColumn(ModelGrids::status)
        .setHeader("Status")
        .setKey("status")
        .setAutoWidth(true);
    grid.addColumn(ModelText::result).setHeader("Result").setFlexGrow(1);
    grid.addColumn(r -> ModelText.orEmpty(r.requestedBy()))
        .setHeader("Requested by")
        .setAutoWidth(true);
    return grid;
  }

  /** A run's status badge, carrying its id and status for tests. */
  static Component status(TrainingRunRow run) {
    Span status = badge(RunStates.of(run.status(), run.cancelRequested()));
    status.addClassName("training-status");
    status.getElement().setAttribute("data-run", run.id());
    status.getElement().setAttribute("data-model", run.model());
    if (run.error() != null) {
      status.setTitle(run.error());
    }
    return status;
  }

  static Span badge(RunStates.Badge b) {
    Span badge = new Span(b.label());
    badge.getElement().getThemeList().add(b.theme());
    badge.getElement().setAttribute("data-status", b.key());
    return badge;
  }

  /** Champion and challenger badges of a model, e.g. "champion v2" and "challenger v3". */
  static Component aliases(String model, Integer champion, Integer challenger) {
    Div cell = new Div();
    if (champion != null) {
      cell.add(alias("champion", champion, "badge success", model));
    }
    if (challenger != null && !challenger.equals(champion)) {
      cell.add(alias("challenger", challenger, "badge", model));
    }
    return cell;
  }

  static Span alias(String alias, int version, String theme, String model) {
    Span badge = new Span(alias + " v" + version);
    badge.getElement().getThemeList().add(theme);
    badge.addClassName("model-alias");
    badge.getElement().setAttribute("data-alias", alias);
    badge.getElement().setAttribute("data-version", String.valueOf(version));
    badge.getElement().setAttribute("data-model", model);
    badge.getStyle().set("margin-right", "var(--lumo-space-xs)");
    return badge;
  }
}
