package io.millwright.console.views.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.CreatedTenant;
import io.millwright.console.ports.PlatformTenants;
import io.millwright.console.ports.TenantRow;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;

/** Platform admins: every tenant, searchable and filtered by status, and a form to create one. */
@Route(value = "admin/tenants", layout = MainLayout.class)
@PageTitle("Tenants · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class TenantsView extends VerticalLayout implements BeforeEnterObserver {

  private static final String ALL = "all";

  private final PlatformTenants tenants;
  private final TenantSwitchboard switchboard;
  private final TextField search = new TextField();
  private final Select<String> status = new Select<>();
  private final Grid<TenantRow> grid = new Grid<>(TenantRow.class, false);
  private final Paragraph empty =
      new Paragraph(
          "No tenants match. Create the first one with"
              + " \"New tenant\": it gets its own sign-in organization, first admin and encrypted"
              + " storage.");

  @Inject
  public TenantsView(PlatformTenants tenants, TenantSwitchboard switchboard) {
    this.tenants = tenants;
    this.switchboard = switchboard;
    setId("admin-tenants");
    setSizeFull();
    search.setId("tenant-search");
    search.setPlaceholder("Search slug or name");
    search.setAriaLabel("Search tenants");
    search.setClearButtonVisible(true);
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> refresh());
    status.setId("tenant-status-filter");
    status.setAriaLabel("Status");
    status.setItems(ALL, "active", "suspended", "deleted", "purged");
    status.setValue(ALL);
    status.addValueChangeListener(e -> refresh());
    Button create = new Button("New tenant", e -> openCreateDialog());
    create.setId("new-tenant");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout bar = new HorizontalLayout(search, status, create);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    bar.setWrap(true);

    grid.setId("tenants-grid");
    grid.addColumn(TenantRow::slug).setHeader("Slug").setAutoWidth(true);
    grid.addColumn(TenantRow::name).setHeader("Name").setFlexGrow(1);
    grid.addColumn(TenantRow::plan).setHeader("Plan").setAutoWidth(true);
    grid.addColumn(TenantRow::status).setHeader("Status").setAutoWidth(true);
    grid.addColumn(r -> r.createdAt().toString().substring(0, 10)).setHeader("Created");
    grid.addItemClickListener(
        e -> getUI().ifPresent(ui -> ui.navigate("admin/tenants/" + e.getItem().slug())));
    empty.setId("tenants-empty");
    add(new H2("Tenants"), bar, empty, grid);
    setFlexGrow(1, grid);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (Guards.requirePlatformAdmin(event, switchboard)) {
      refresh();
    }
  }

  private void refresh() {
    String wanted = ALL.equals(status.getValue()) ? null : status.getValue();
    String text =
        search.getValue() == null || search.getValue().isBlank() ? null : search.getValue().trim();
    long total = tenants.list(wanted, text, 0, 1).total();
    empty.setVisible(total == 0);
    grid.setVisible(total > 0);
    grid.setItems(
        DataProvider.fromCallbacks(
            q -> tenants.list(wanted, text, q.getOffset(), q.getLimit()).items().stream(),
            q -> (int) tenants.list(wanted, text, 0, 1).total()));
  }

  private void openCreateDialog() {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("New tenant");
    TextField slug = new TextField("Slug");
    slug.setId("create-slug");
    slug.setHelperText("3 to 40 lowercase letters, digits and hyphens; part of every address");
    TextField name = new TextField("Name");
    name.setId("create-name");
    Select<String> plan = new Select<>();
    plan.setId("create-plan");
    plan.setLabel("Plan");
    plan.setItems("starter", "business", "enterprise");
    plan.setValue("starter");
    EmailField email = new EmailField("First tenant admin's e-mail");
    email.setId("create-admin-email");
    FormLayout form = new FormLayout(slug, name, plan, email);
    dialog.add(form);
    Button save =
        new Button(
            "Create",
            e -> {
              slug.setInvalid(false);
              name.setInvalid(false);
              email.setInvalid(false);
              try {
                CreatedTenant made =
                    tenants.create(
                        slug.getValue(), name.getValue(), plan.getValue(), email.getValue());
                dialog.close();
                refresh();
                showCredential(made);
              } catch (ConsoleException ex) {
                Map<String, String> errors = ex.fieldErrors();
                mark(slug, errors.get("slug"));
                mark(name, errors.get("name"));
                mark(email, errors.get("adminEmail"));
                if (errors.isEmpty()) {
                  Toasts.error(ex.getMessage());
                }
              }
            });
    save.setId("create-submit");
    save.setDisableOnClick(true);
    save.addClickListener(e -> save.setEnabled(true));
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
    dialog.open();
    slug.focus();
  }

  private static void mark(TextField field, String error) {
    if (error != null) {
      field.setErrorMessage(error);
      field.setInvalid(true);
    }
  }

  private static void mark(EmailField field, String error) {
    if (error != null) {
      field.setErrorMessage(error);
      field.setInvalid(true);
    }
  }

  private void showCredential(CreatedTenant made) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Tenant " + made.slug() + " is ready");
    dialog.add(new Paragraph("Its first admin signs in as " + made.adminEmail() + "."));
    if (made.temporaryPassword() != null) {
      TextField password = new TextField("Temporary password (shown once)");
      password.setId("created-password");
      password.setValue(made.temporaryPassword());
      password.setReadOnly(true);
      password.setWidthFull();
      dialog.add(password, new Paragraph("They choose their own password at first sign-in."));
    } else {
      dialog.add(new Paragraph("They already had an account and keep their password."));
    }
    Button done = new Button("Done", e -> dialog.close());
    done.setId("created-done");
    dialog.getFooter().add(done);
    dialog.open();
    Toasts.success("Tenant " + made.slug() + " created.");
  }
}
