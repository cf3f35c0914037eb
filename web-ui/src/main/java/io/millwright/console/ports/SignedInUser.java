package io.millwright.console.ports;

import java.io.Serializable;

/**
 * The person signed in to this browser session, as proven by Keycloak at sign-in. Stored in the
 * HTTP session under {@link #SESSION_ATTRIBUTE} by the server's sign-in flow.
 */
public record SignedInUser(String subject, String name, String email, boolean platformAdmin)
    implements Serializable {

  public static final String SESSION_ATTRIBUTE = "millwright.console.user";
}
