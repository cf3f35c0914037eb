package io.millwright.console.views.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDetail;
import io.millwright.console.ports.TenantSettings;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.QuotaText;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * Tenant settings for its admins: the display name; plan and quotas are shown, set by the platform.
 */
@Route(value = "t/:slug/settings", layout = MainLayout.class)
@PageTitle("Settings · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class SettingsView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantSettings settings;

  @Inject
  public SettingsView(TenantSwitchboard switchboard, TenantSettings settings) {
    this.switchboard = switchboard;
    this.settings = settings;
    setId("settings-view");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantRole.TENANT_ADMIN).ifPresent(this::show);
  }

  private void show(TenantChoice tenant) {
    removeAll();
    TenantDetail detail = settings.view(tenant.slug());
    TextField name = new TextField("Display name");
    name.setId("settings-name");
    name.setValue(detail.name());
    name.setMaxLength(200);
    name.setRequired(true);
    TextField slug = readOnly("Address (slug)", detail.slug());
    TextField plan = readOnly("Plan", detail.plan());
    TextField quotas = readOnly("Quotas", QuotaText.describe(detail.quotas()));
    Button save =
        new Button(
            "Save",
            e -> {
              try {
                settings.rename(tenant.slug(), name.getValue());
                Toasts.success("Saved.");
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    save.setId("settings-save");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    FormLayout form = new FormLayout(name, slug, plan, quotas);
    add(
        new H2("Settings of " + detail.name()),
        form,
        save,
        new Paragraph("Plan and quotas are set by your platform administrator."));
  }

  private static TextField readOnly(String label, String value) {
    TextField field = new TextField(label);
    field.setValue(value);
    field.setReadOnly(true);
    return field;
  }
}
