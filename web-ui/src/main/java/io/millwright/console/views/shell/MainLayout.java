package io.millwright.console.views.shell;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import io.millwright.console.ports.SignedInUser;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSql;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The frame of every page: the product name, a tenant switcher for people in several tenants, the
 * person's name with sign-out, and navigation that shows only what their roles allow.
 */
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class MainLayout extends AppLayout implements AfterNavigationObserver {

  private final TenantSwitchboard switchboard;
  private final SideNav nav = new SideNav();
  private final Select<TenantChoice> switcher = new Select<>();
  private List<TenantChoice> tenants = List.of();

  @Inject
  public MainLayout(TenantSwitchboard switchboard) {
    this.switchboard = switchboard;
    setPrimarySection(Section.DRAWER);
    DrawerToggle toggle = new DrawerToggle();
    toggle.setAriaLabel("Menu");
    Span title = new Span("Millwright");
    title.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

    switcher.setId("tenant-switcher");
    switcher.setAriaLabel("Tenant");
    switcher.setPlaceholder("Tenant");
    switcher.setItemLabelGenerator(TenantChoice::name);
    switcher.addValueChangeListener(
        e -> {
          if (e.isFromClient() && e.getValue() != null) {
            getUI().ifPresent(ui -> ui.navigate("t/" + e.getValue().slug()));
          }
        });

    SignedInUser user = CurrentUser.get().orElse(null);
    Span who = new Span(user == null ? "" : user.name());
    who.setId("signed-in-user");
    Button signOut =
        new Button("Sign out", e -> getUI().ifPresent(ui -> ui.getPage().setLocation("logout")));
    signOut.setId("sign-out");
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

    HorizontalLayout bar = new HorizontalLayout(toggle, title, switcher, who, signOut);
    bar.setWidthFull();
    bar.setAlignItems(FlexComponent.Alignment.CENTER);
    bar.expand(switcher);
    bar.getStyle().set("padding-right", "var(--lumo-space-m)");
    addToNavbar(bar);

    nav.setId("main-nav");
    nav.setLabel("Navigation");
    addToDrawer(nav);
  }

  @Override
  public void afterNavigation(AfterNavigationEvent event) {
    tenants = switchboard.tenantsOfCurrentUser();
    switcher.setItems(tenants);
    switcher.setVisible(!tenants.isEmpty());
    String selected = SelectedTenant.get().map(TenantChoice::slug).orElse("");
    TenantChoice current =
        tenants.stream()
            .filter(t -> t.slug().equals(selected))
            .findFirst()
            .orElse(tenants.isEmpty() ? null : tenants.get(0));
    if (current != null) {
      switcher.setValue(current);
    }
    rebuildNav(current);
  }

  private void rebuildNav(TenantChoice tenant) {
    nav.removeAll();
    if (tenant != null) {
      String base = "t/" + tenant.slug();
      nav.addItem(item("Home", base, "nav-home"));
      // Every member reads datasets; the pages offer writing only to writers.
      nav.addItem(item("Datasets", base + "/datasets", "nav-datasets"));
      // Every member reads connections too; changing them is offered to the dataset writers.
      nav.addItem(item("Connections", base + "/connections", "nav-connections"));
      // Every member reads models and runs; training and promotion are offered by role.
      nav.addItem(item("Models", base + "/models", "nav-models"));
      nav.addItem(item("Jobs", base + "/jobs", "nav-jobs"));
      if (tenant.holdsAny(TenantSql.ROLES)) {
        nav.addItem(item("SQL", base + "/sql", "nav-sql"));
      }
      // Every member reads transforms, as the transforms API admits; writing is offered by role.
      nav.addItem(item("Transforms", base + "/transforms", "nav-transforms"));
      if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)) {
        nav.addItem(item("Members", base + "/members", "nav-members"));
      }
      if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)) {
        nav.addItem(item("Audit trail", base + "/audit", "nav-audit"));
      }
      if (tenant.holdsAny(TenantRole.TENANT_ADMIN, TenantRole.FINANCE)) {
        nav.addItem(item("Usage", base + "/usage", "nav-usage"));
      }
      if (tenant.holdsAny(TenantRole.TENANT_ADMIN)) {
        nav.addItem(item("Settings", base + "/settings", "nav-settings"));
      }
    }
    if (CurrentUser.get().map(SignedInUser::platformAdmin).orElse(false)) {
      nav.addItem(item("Tenants (platform)", "admin/tenants", "nav-admin-tenants"));
    }
  }

  private static SideNavItem item(String label, String path, String id) {
    SideNavItem item = new SideNavItem(label, path);
    item.setId(id);
    return item;
  }
}
