package io.millwright.console.views.tenant;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.AuditFilter;
import io.millwright.console.ports.AuditRow;
import io.millwright.console.ports.TenantAudit;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantMembers;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.TenantUsage;
import io.millwright.console.ports.UsageRow;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A tenant's home: who is in it, what it used this month, what happened lately, each shown only to
 * the roles that may see it; an empty tenant is told what to do first.
 */
@Route(value = "t/:slug", layout = MainLayout.class)
@PageTitle("Home · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TenantHomeView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantMembers members;
  private final TenantUsage usage;
  private final TenantAudit audit;

  @Inject
  public TenantHomeView(
      TenantSwitchboard switchboard, TenantMembers members, TenantUsage usage, TenantAudit audit) {
    this.switchboard = switchboard;
    this.members = members;
    this.usage = usage;
    this.audit = audit;
    setId("tenant-home");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  private void show(TenantChoice tenant) {
    removeAll();
    add(new H2(tenant.name()));
    add(
        new Paragraph(
            "Your roles here: "
                + tenant.roles().stream()
                    .map(TenantRole::wireName)
                    .sorted()
                    .collect(Collectors.joining(", "))
                + "."));
    FlexLayout cards = new FlexLayout();
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    add(cards);
    String base = "t/" + tenant.slug();

    if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)) {
      int count = members.list(tenant.slug()).size();
      Div card = card("Members", String.valueOf(count), "members-card");
      if (count <= 1 && tenant.holdsAny(TenantRole.TENANT_ADMIN)) {
        card.add(
            new Paragraph(
                "Only you so far. Start by inviting your team: data engineers"
                    + " connect data, analysts explore it, finance follows costs."),
            new Anchor(base + "/members", "Invite people"));
      } else {
        card.add(new Anchor(base + "/members", "Manage members"));
      }
      cards.add(card);
    }
    if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.FINANCE)) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      Map<String, BigDecimal> byMeter = new TreeMap<>();
      Map<String, String> units = new TreeMap<>();
      for (UsageRow row : usage.byMeterAndDay(tenant.slug(), today.withDayOfMonth(1), today)) {
        byMeter.merge(row.meter(), row.quantity(), BigDecimal::add);
        units.put(row.meter(), row.unit());
      }
      Div card = card("Usage this month", byMeter.isEmpty() ? "none yet" : "", "usage-card");
      byMeter.forEach(
          (meter, total) ->
              card.add(
                  new Paragraph(
                      meter
                          + ": "
                          + total.stripTrailingZeros().toPlainString()
                          + " "
                          + units.get(meter))));
      card.add(new Anchor(base + "/usage", "See usage by day"));
      cards.add(card);
    }
    if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)) {
      List<AuditRow> recent = audit.page(tenant.slug(), AuditFilter.none(), 0, 5).items();
      add(new H3("Recent activity"));
      Grid<AuditRow> grid = new Grid<>(AuditRow.class, false);
      grid.setId("recent-activity");
      grid.addColumn(r -> r.time().toString().replace('T', ' ').substring(0, 19))
          .setHeader("Time (UTC)")
          .setAutoWidth(true);
      grid.addColumn(AuditRow::actor).setHeader("Who").setAutoWidth(true);
      grid.addColumn(AuditRow::action).setHeader("What").setAutoWidth(true);
      grid.addColumn(AuditRow::target).setHeader("On");
      grid.setItems(recent);
      grid.setAllRowsVisible(true);
      add(grid);
    }
    if (!tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.AUDITOR, TenantRole.FINANCE)) {
      add(
          new Paragraph(
              "Datasets, connectors and models will appear here as your team sets"
                  + " them up. Your tenant administrator manages who can do what."));
    }
  }

  private static Div card(String title, String figure, String id) {
    Div card = new Div();
    card.setId(id);
    card.getStyle()
        .set("border", "1px solid var(--lumo-contrast-20pct)")
        .set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)")
        .set("min-width", "16rem")
        .set("flex", "1 1 16rem");
    Span heading = new Span(title);
    heading.getStyle().set("color", "var(--lumo-secondary-text-color)");
    Span big = new Span(figure);
    big.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-xxl)");
    card.add(heading, big);
    return card;
  }
}
