package io.millwright.console.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.MemberRow;
import io.millwright.console.ports.PlatformTenants;
import io.millwright.console.ports.TenantDetail;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.ports.UsageRow;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.QuotaText;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.function.Consumer;

/** One tenant for platform admins: plan, quotas, members, usage this month, lifecycle actions. */
@Route(value = "admin/tenants/:slug", layout = MainLayout.class)
@PageTitle("Tenant · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TenantDetailView extends VerticalLayout implements BeforeEnterObserver {

  private final PlatformTenants tenants;
  private final TenantSwitchboard switchboard;
  private String slug;

  @Inject
  public TenantDetailView(PlatformTenants tenants, TenantSwitchboard switchboard) {
    this.tenants = tenants;
    this.switchboard = switchboard;
    setId("admin-tenant-detail");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (Guards.requirePlatformAdmin(event, switchboard)) {
      slug = event.getRouteParameters().get("slug").orElse("");
      show();
    }
  }

  private void show() {
    removeAll();
    TenantDetail t;
    try {
      t = tenants.detail(slug);
    } catch (ConsoleException ex) {
      add(
          new H2("No such tenant"),
          new Paragraph(ex.getMessage()),
          new Anchor("admin/tenants", "All tenants"));
      return;
    }
    add(new Anchor("admin/tenants", "← All tenants"), new H2(t.name() + " (" + t.slug() + ")"));
    Paragraph status =
        new Paragraph(
            "Status: "
                + t.status()
                + (t.purgeAfter() == null ? "" : " — data purged after " + t.purgeAfter()));
    status.setId("tenant-status");
    status.getElement().setAttribute("aria-live", "polite");
    add(
        status,
        new Paragraph(
            "Plan: "
                + t.plan()
                + " · first admin: "
                + t.adminEmail()
                + " · members: "
                + t.memberCount()),
        new Paragraph("Quotas: " + QuotaText.describe(t.quotas())));
    add(new H3("Members"));
    Grid<MemberRow> members = new Grid<>(MemberRow.class, false);
    members.setId("tenant-members");
    members.addColumn(MemberRow::email).setHeader("E-mail").setAutoWidth(true);
    members
        .addColumn(
            m ->
                m.roles().stream()
                    .map(r -> r.wireName())
                    .sorted()
                    .collect(java.util.stream.Collectors.joining(", ")))
        .setHeader("Roles");
    members.setItems(t.members());
    members.setAllRowsVisible(true);
    add(members);
    add(new H3("Usage this month"));
    Grid<UsageRow> usage = new Grid<>(UsageRow.class, false);
    usage.addColumn(UsageRow::meter).setHeader("Meter");
    usage.addColumn(r -> r.quantity().stripTrailingZeros().toPlainString()).setHeader("Quantity");
    usage.addColumn(UsageRow::unit).setHeader("Unit");
    usage.setItems(t.usageThisMonth());
    if (t.usageThisMonth().isEmpty()) {
      usage.setVisible(false);
      add(new Paragraph("No usage recorded this month yet."));
    }
    usage.setAllRowsVisible(true);
    add(usage);

    HorizontalLayout actions = new HorizontalLayout();
    if ("active".equals(t.status())) {
      actions.add(
          action(
              "Suspend",
              "suspend-tenant",
              "Suspend " + t.slug() + "?",
              "Its members are refused until you resume it. Nothing is deleted.",
              tenants::suspend,
              false));
    }
    if ("suspended".equals(t.status())) {
      Button resume = new Button("Resume", e -> run(tenants::resume, "resumed"));
      resume.setId("resume-tenant");
      actions.add(resume);
    }
    if ("active".equals(t.status()) || "suspended".equals(t.status())) {
      actions.add(
          action(
              "Delete",
              "delete-tenant",
              "Delete " + t.slug() + "?",
              "Access ends at once. After the grace period its key is destroyed and its data purged;"
                  + " this cannot be undone.",
              tenants::delete,
              true));
    }
    add(actions);
  }

  private Button action(
      String label,
      String id,
      String title,
      String text,
      Consumer<String> operation,
      boolean dangerous) {
    Button button =
        new Button(
            label,
            e -> {
              ConfirmDialog confirm =
                  new ConfirmDialog(
                      title,
                      text,
                      label,
                      ok ->
                          run(operation, label.toLowerCase() + (label.endsWith("e") ? "d" : "ed")));
              confirm.setCancelable(true);
              confirm.setConfirmButtonTheme(dangerous ? "error primary" : "primary");
              confirm.open();
            });
    button.setId(id);
    if (dangerous) {
      button.addThemeVariants(ButtonVariant.LUMO_ERROR);
    }
    return button;
  }

  private void run(Consumer<String> operation, String done) {
    try {
      operation.accept(slug);
      Toasts.success("Tenant " + slug + " " + done + ".");
      show();
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }
}
