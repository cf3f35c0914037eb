package io.millwright.console.views;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.SignedInUser;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.CurrentUser;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.SelectedTenant;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The landing page: sends a person to the tenant they last used (or their first), a platform admin
 * without tenants to the tenants list, and tells anyone else what to do.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class HomeView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;

  @Inject
  public HomeView(TenantSwitchboard switchboard) {
    this.switchboard = switchboard;
    setId("home-nowhere");
    add(
        new H2("You are not in any tenant yet"),
        new Paragraph(
            "Ask your organisation's Millwright administrator to invite you. Once"
                + " invited, sign out and in again to see your tenant."));
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    List<TenantChoice> tenants = switchboard.tenantsOfCurrentUser();
    String last = SelectedTenant.get().map(TenantChoice::slug).orElse(null);
    TenantChoice target =
        tenants.stream()
            .filter(t -> t.slug().equals(last))
            .findFirst()
            .orElse(tenants.isEmpty() ? null : tenants.get(0));
    if (target != null) {
      event.forwardTo("t/" + target.slug());
    } else if (CurrentUser.get().map(SignedInUser::platformAdmin).orElse(false)) {
      event.forwardTo("admin/tenants");
    }
  }
}
