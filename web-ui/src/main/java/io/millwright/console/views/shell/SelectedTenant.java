package io.millwright.console.views.shell;

import com.vaadin.flow.server.VaadinSession;
import io.millwright.console.ports.TenantChoice;
import java.util.Optional;

/** The tenant the person last acted in, so navigation and the switcher can follow it. */
public final class SelectedTenant {

  private static final String KEY = "millwright.console.tenant";

  private SelectedTenant() {}

  static void remember(TenantChoice tenant) {
    VaadinSession session = VaadinSession.getCurrent();
    if (session != null) {
      session.setAttribute(KEY, tenant);
    }
  }

  public static Optional<TenantChoice> get() {
    VaadinSession session = VaadinSession.getCurrent();
    return session == null
        ? Optional.empty()
        : Optional.ofNullable((TenantChoice) session.getAttribute(KEY));
  }
}
