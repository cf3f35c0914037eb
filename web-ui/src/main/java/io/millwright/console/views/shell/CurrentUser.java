package io.millwright.console.views.shell;

import com.vaadin.flow.server.VaadinSession;
import io.millwright.console.ports.SignedInUser;
import java.util.Optional;

/** The signed-in person of this browser session, as the server's sign-in flow stored it. */
public final class CurrentUser {

  private CurrentUser() {}

  public static Optional<SignedInUser> get() {
    VaadinSession session = VaadinSession.getCurrent();
    if (session == null || session.getSession() == null) {
      return Optional.empty();
    }
    Object user = session.getSession().getAttribute(SignedInUser.SESSION_ATTRIBUTE);
    return user instanceof SignedInUser signedIn ? Optional.of(signedIn) : Optional.empty();
  }

  public static SignedInUser require() {
    return get().orElseThrow(() -> new IllegalStateException("no signed-in user"));
  }
}
