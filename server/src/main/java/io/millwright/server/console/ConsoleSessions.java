package io.millwright.server.console;

import io.millwright.console.ports.SignedInUser;
import io.millwright.server.security.Caller;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.Set;

/** What the console keeps in the HTTP session, and how it becomes a request's caller. */
final class ConsoleSessions {

  static final String UNTIL = "millwright.console.until";
  static final String ID_TOKEN = "millwright.console.idToken";
  static final String PENDING = "millwright.console.pendingSignIn";

  private ConsoleSessions() {}

  /** The signed-in person, or null when nobody is or the sign-in has lapsed. */
  static SignedInUser user(HttpSession session) {
    if (session == null) {
      return null;
    }
    Object user = session.getAttribute(SignedInUser.SESSION_ATTRIBUTE);
    Object until = session.getAttribute(UNTIL);
    if (!(user instanceof SignedInUser signedIn)) {
      return null;
    }
    if (until instanceof Instant end && Instant.now().isAfter(end)) {
      return null;
    }
    return signedIn;
  }

  static Caller caller(SignedInUser user) {
    return new Caller(
        user.subject(),
        user.name(),
        user.email(),
        user.platformAdmin() ? Set.of(Caller.PLATFORM_ADMIN) : Set.of(),
        Set.of());
  }
}
