package io.millwright.console.views.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import io.millwright.console.ports.AuditFilter;
import io.millwright.console.ports.AuditRow;
import io.millwright.console.ports.ChainVerdict;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantAudit;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The tenant's audit trail: filter, page, verify the chain, download CSV. */
@Route(value = "t/:slug/audit", layout = MainLayout.class)
@PageTitle("Audit trail · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class AuditView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantAudit audit;
  private final TextField actor = new TextField("Actor");
  private final TextField action = new TextField("Action");
  private final DatePicker from = new DatePicker("From");
  private final DatePicker to = new DatePicker("To (inclusive)");
  private final Grid<AuditRow> grid = new Grid<>(AuditRow.class, false);
  private final Div verdict = new Div();
  private final Anchor download = new Anchor();
  private final Button verify = new Button("Verify chain");
  private TenantChoice tenant;

  @Inject
  public AuditView(TenantSwitchboard switchboard, TenantAudit audit) {
    this.switchboard = switchboard;
    this.audit = audit;
    setId("audit-view");
    actor.setId("audit-actor");
    actor.setHelperText("exact, e.g. ops@acme.example");
    action.setId("audit-action");
    action.setHelperText("exact, or a prefix like member.*");
    from.setId("audit-from");
    to.setId("audit-to");
    grid.setId("audit-grid");
    grid.addColumn(AuditRow::seq).setHeader("#").setAutoWidth(true).setFlexGrow(0);
    grid.addColumn(r -> r.time().toString().replace('T', ' ').substring(0, 19))
        .setHeader("Time (UTC)")
        .setAutoWidth(true);
    grid.addColumn(AuditRow::actor).setHeader("Actor").setAutoWidth(true);
    grid.addColumn(AuditRow::action).setHeader("Action").setAutoWidth(true);
    grid.addColumn(AuditRow::target).setHeader("Target").setAutoWidth(true);
    grid.addColumn(AuditRow::outcome).setHeader("Outcome").setAutoWidth(true);
    grid.addColumn(AuditRow::details).setHeader("Details").setFlexGrow(1);
    verdict.setId("chain-verdict");
    verdict.getElement().setAttribute("role", "status");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    Button apply = new Button("Filter", e -> refresh());
    apply.setId("audit-filter");
    apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    verify.addClickListener(e -> verify());
    verify.setId("verify-chain");
    verify.setDisableOnClick(true);
    download.setText("Download CSV");
    download.setId("audit-csv");
    download.getElement().setAttribute("download", true);
    HorizontalLayout filters =
        new HorizontalLayout(actor, action, from, to, apply, verify, download);
    filters.setAlignItems(FlexComponent.Alignment.BASELINE);
    filters.setWrap(true);
    add(new H2("Audit trail of " + tenant.name()), filters, verdict, grid);
    setFlexGrow(1, grid);
    refresh();
  }

  private AuditFilter filter() {
    return new AuditFilter(
        blank(actor.getValue()),
        blank(action.getValue()),
        from.getValue() == null ? null : from.getValue().atStartOfDay().toInstant(ZoneOffset.UTC),
        to.getValue() == null
            ? null
            : to.getValue().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
  }

  private void refresh() {
    AuditFilter filter = filter();
    String slug = tenant.slug();
    CallbackDataProvider<AuditRow, Void> rows =
        DataProvider.fromCallbacks(
            q -> audit.page(slug, filter, q.getOffset(), q.getLimit()).items().stream(),
            q -> (int) Math.min(Integer.MAX_VALUE, audit.page(slug, filter, 0, 1).total()));
    try {
      grid.setItems(rows);
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
    download.setHref(
        new StreamResource(
            "audit-" + slug + "-" + LocalDate.now(ZoneOffset.UTC) + ".csv",
            () -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              audit.exportCsv(slug, filter, out);
              return new ByteArrayInputStream(out.toByteArray());
            }));
  }

  private void verify() {
    try {
      ChainVerdict v = audit.verify(tenant.slug());
      verdict.setText(
          v.intact()
              ? "Chain intact: all " + v.entriesChecked() + " entries verify."
              : "Chain BROKEN at entry #" + v.firstBrokenSeq() + ": " + v.reason() + ".");
      verdict
          .getStyle()
          .set(
              "color",
              v.intact() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)")
          .set("font-weight", "600");
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    } finally {
      verify.setEnabled(true);
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
