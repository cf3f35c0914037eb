package io.millwright.console.views.datasets;

import static java.util.stream.Collectors.joining;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetAlert;
import io.millwright.console.ports.DatasetRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A tenant's datasets: every member reads the list, with a marker on those that need attention;
 * writers start a new dataset from here.
 */
@Route(value = "t/:slug/datasets", layout = MainLayout.class)
@PageTitle("Datasets · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class DatasetsView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantDatasets datasets;
  private final Grid<DatasetRow> grid = new Grid<>(DatasetRow.class, false);
  private String base;

  @Inject
  public DatasetsView(TenantSwitchboard switchboard, TenantDatasets datasets) {
    this.switchboard = switchboard;
    this.datasets = datasets;
    setId("datasets-view");
    grid.setId("datasets-grid");
    grid.addColumn(DatasetRow::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(d -> DatasetText.orEmpty(d.description()))
        .setHeader("Description")
        .setFlexGrow(1);
    grid.addColumn(DatasetRow::rows).setHeader("Rows").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(d -> DatasetText.version(d.currentVersion()))
        .setHeader("Current version")
        .setAutoWidth(true);
    grid.addColumn(d -> DatasetText.utc(d.updatedAt()))
        .setHeader("Updated (UTC)")
        .setAutoWidth(true);
    grid.addComponentColumn(DatasetsView::alertMarker)
        .setHeader("Alerts")
        .setKey("alerts")
        .setAutoWidth(true);
    grid.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate(base + "/" + e.getItem().name())));
  }

  /** A warning badge when the dataset needs attention; its messages show on hover. */
  private static Component alertMarker(DatasetRow row) {
    if (row.alerts().isEmpty()) {
      return new Span();
    }
    Span marker =
        new Span("⚠ " + row.alerts().size() + (row.alerts().size() == 1 ? " alert" : " alerts"));
    marker.getElement().getThemeList().add("badge error");
    marker.addClassName("dataset-alert-marker");
    marker.getElement().setAttribute("data-dataset", row.name());
    marker
        .getElement()
        .setAttribute(
            "title", row.alerts().stream().map(DatasetAlert::message).collect(joining(" ")));
    return marker;
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  private void show(TenantChoice tenant) {
    removeAll();
    base = "t/" + tenant.slug() + "/datasets";
    HorizontalLayout header = new HorizontalLayout(new H2("Datasets of " + tenant.name()));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (tenant.holdsAny(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN)) {
      Button create =
          new Button(
              "New dataset", e -> getUI().ifPresent(ui -> ui.navigate(base + "/new-dataset")));
      create.setId("new-dataset");
      create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      header.add(create);
    }
    add(header);
    try {
      List<DatasetRow> rows = datasets.list(tenant.slug());
      if (rows.isEmpty()) {
        Paragraph empty =
            new Paragraph(
                tenant.holdsAny(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN)
                    ? "No datasets yet. Declare one with New dataset, then upload a file into it."
                    : "No datasets yet. Your data engineers declare them.");
        empty.setId("datasets-empty");
        add(empty);
      }
      grid.setItems(rows);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
    add(grid);
  }
}
