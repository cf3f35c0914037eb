package io.millwright.server.tenants.keycloak;

/** Keycloak did not answer, or answered with a server error: the operation may be retried. */
public class KeycloakUnavailableException extends RuntimeException {
  public KeycloakUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
