package io.millwright.console.views.shell;

import com.vaadin.flow.router.BeforeEnterEvent;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.tenancy.TenantRole;
import java.util.Optional;

/**
 * Refuses pages by URL, not only by hiding links: a page checks before it is entered and reroutes
 * to {@link AccessDeniedView}. The server checks again on every call.
 */
public final class Guards {

  private Guards() {}

  public static boolean requirePlatformAdmin(
      BeforeEnterEvent event, TenantSwitchboard switchboard) {
    boolean allowed = switchboard.admitPlatformAdmin(event.getLocation().getPath());
    if (!allowed) {
      event.rerouteTo(AccessDeniedView.class);
    }
    return allowed;
  }

  /** The tenant of the URL if the person belongs to it and holds one of the roles (any if none). */
  public static Optional<TenantChoice> requireTenant(
      BeforeEnterEvent event, TenantSwitchboard switchboard, TenantRole... roles) {
    String slug = event.getRouteParameters().get("slug").orElse("");
    Optional<TenantChoice> tenant = switchboard.enter(slug, event.getLocation().getPath(), roles);
    if (tenant.isEmpty()) {
      event.rerouteTo(AccessDeniedView.class);
      return Optional.empty();
    }
    SelectedTenant.remember(tenant.get());
    return tenant;
  }
}
