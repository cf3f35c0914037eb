package io.millwright.console.views.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TenantUsage;
import io.millwright.console.ports.UsageRow;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

/** Usage by meter and day for a chosen period: a server-drawn chart and the table behind it. */
@Route(value = "t/:slug/usage", layout = MainLayout.class)
@PageTitle("Usage · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class UsageView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantUsage usage;
  private final DatePicker from = new DatePicker("From");
  private final DatePicker to = new DatePicker("To (inclusive)");
  private final Div chart = new Div();
  private final Grid<UsageRow> table = new Grid<>(UsageRow.class, false);
  private TenantChoice tenant;

  @Inject
  public UsageView(TenantSwitchboard switchboard, TenantUsage usage) {
    this.switchboard = switchboard;
    this.usage = usage;
    setId("usage-view");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    from.setValue(today.withDayOfMonth(1));
    to.setValue(today);
    from.setId("usage-from");
    to.setId("usage-to");
    chart.setId("usage-chart");
    chart.setWidthFull();
    table.setId("usage-table");
    table.addColumn(UsageRow::day).setHeader("Day").setAutoWidth(true);
    table.addColumn(UsageRow::meter).setHeader("Meter").setAutoWidth(true);
    table
        .addColumn(r -> r.quantity().stripTrailingZeros().toPlainString())
        .setHeader("Quantity")
        .setAutoWidth(true);
    table.addColumn(UsageRow::unit).setHeader("Unit");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantRole.TENANT_ADMIN, TenantRole.FINANCE)
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    Button apply = new Button("Show", e -> refresh());
    apply.setId("usage-apply");
    apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout period = new HorizontalLayout(from, to, apply);
    period.setAlignItems(FlexComponent.Alignment.BASELINE);
    period.setWrap(true);
    add(new H2("Usage of " + tenant.name()), period, chart, table);
    refresh();
  }

  private void refresh() {
    LocalDate start = from.getValue();
    LocalDate end = to.getValue();
    if (start == null || end == null || end.isBefore(start)) {
      Toasts.error("Choose a period whose end is on or after its start.");
      return;
    }
    if (ChronoUnit.DAYS.between(start, end) > 366) {
      Toasts.error("Choose a period of at most a year.");
      return;
    }
    try {
      List<UsageRow> rows = usage.byMeterAndDay(tenant.slug(), start, end);
      chart.removeAll();
      // As an image: Html would parse the SVG as HTML elements and draw nothing.
      Image image =
          new Image(
              "data:image/svg+xml;base64,"
                  + Base64.getEncoder()
                      .encodeToString(
                          UsageChart.svg(rows, start, end).getBytes(StandardCharsets.UTF_8)),
              "Chart of usage per day from "
                  + start
                  + " to "
                  + end
                  + "; the table below has the"
                  + " figures");
      image.setId("usage-chart-image");
      image.setWidthFull();
      image.getStyle().set("max-width", UsageChart.WIDTH + "px");
      chart.add(image);
      table.setItems(rows);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }
}
