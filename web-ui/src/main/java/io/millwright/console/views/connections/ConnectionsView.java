package io.millwright.console.views.connections;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
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
import io.millwright.console.ports.ConnectionRow;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantConnections;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.ScheduleText;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * A tenant's connections: every member reads the list, each row with its state badge (active,
 * paused with the reason, or failing), what it does now and its last run; writers connect a new
 * source from here. The connector catalogue is one link away.
 */
@Route(value = "t/:slug/connections", layout = MainLayout.class)
@PageTitle("Connections · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class ConnectionsView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantConnections connections;
  private final Grid<ConnectionRow> grid = new Grid<>(ConnectionRow.class, false);
  private String base;

  @Inject
  public ConnectionsView(TenantSwitchboard switchboard, TenantConnections connections) {
    this.switchboard = switchboard;
    this.connections = connections;
    setId("connections-view");
    grid.setId("connections-grid");
    grid.addColumn(ConnectionRow::name).setHeader("Name").setAutoWidth(true);
    grid.addColumn(ConnectionRow::connector).setHeader("Connector").setAutoWidth(true);
    grid.addColumn(ConnectionRow::dataset).setHeader("Dataset").setAutoWidth(true);
    grid.addColumn(r -> ScheduleText.schedule(r.schedule()))
        .setHeader("Schedule")
        .setAutoWidth(true);
    grid.addComponentColumn(ConnectionsView::state)
        .setHeader("State")
        .setKey("state")
        .setAutoWidth(true);
    grid.addColumn(r -> ConnectionText.live(r.live())).setHeader("Now").setFlexGrow(1);
    grid.addColumn(r -> ConnectionText.lastRun(r.lastRun()))
        .setHeader("Last run")
        .setKey("last-run")
        .setFlexGrow(1);
    grid.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate(base + "/" + e.getItem().name())));
  }

  /** The badge and, for a paused connection, its reason on a second line (and on hover). */
  static Component state(ConnectionRow row) {
    ConnectionStates.Badge badge = ConnectionStates.of(row);
    Span marker = new Span(badge.label());
    marker.getElement().getThemeList().add(badge.theme());
    marker.addClassName("connection-state");
    marker.getElement().setAttribute("data-connection", row.name());
    marker.getElement().setAttribute("data-state", badge.key());
    Div cell = new Div(marker);
    String why =
        row.pausedReason() != null
            ? row.pausedReason()
            : badge == ConnectionStates.FAILING && row.live() != null
                ? row.live().lastError()
                : null;
    if (why != null && !why.isBlank()) {
      marker.setTitle(why);
      Span reason = new Span(why);
      reason.addClassName("connection-state-reason");
      reason
          .getStyle()
          .set("display", "block")
          .set("font-size", "var(--lumo-font-size-xs)")
          .set("color", "var(--lumo-secondary-text-color)")
          .set("white-space", "normal");
      cell.add(reason);
    }
    return cell;
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  private void show(TenantChoice tenant) {
    removeAll();
    base = "t/" + tenant.slug() + "/connections";
    boolean writer = tenant.holdsAny(TenantConnections.WRITERS);
    HorizontalLayout header = new HorizontalLayout(new H2("Connections of " + tenant.name()));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (writer) {
      Button connect =
          new Button(
              "Connect a source",
              e -> getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/connect")));
      connect.setId("connect-source");
      connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      header.add(connect);
    }
    Anchor catalog = new Anchor("t/" + tenant.slug() + "/connectors", "Connector catalogue");
    catalog.setId("connector-catalog-link");
    header.add(catalog);
    add(header);
    try {
      List<ConnectionRow> rows = connections.list(tenant.slug());
      if (rows.isEmpty()) {
        Paragraph empty =
            new Paragraph(
                writer
                    ? "No connections yet. Connect a source to bring its records into a dataset,"
                        + " on a schedule or as they arrive."
                    : "No connections yet. Your data engineers connect sources.");
        empty.setId("connections-empty");
        add(empty);
      }
      grid.setItems(rows);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
    add(grid);
  }
}
