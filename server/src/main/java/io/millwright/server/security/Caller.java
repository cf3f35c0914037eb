package io.millwright.server.security;

import java.util.Set;

/**
 * Who is calling, as proven by a verified token.
 *
 * @param subject Keycloak's stable user id (the {@code sub} claim)
 * @param username the preferred user name, for people reading audit entries
 * @param email the e-mail address, when the token carries one
 * @param platformRoles realm roles relevant to the platform (e.g. {@code platform-admin})
 * @param organizations aliases of the Keycloak organizations named in the token, if any
 */
public record Caller(
    String subject,
    String username,
    String email,
    Set<String> platformRoles,
    Set<String> organizations) {

  public static final String PLATFORM_ADMIN = "platform-admin";

  public boolean isPlatformAdmin() {
    return platformRoles.contains(PLATFORM_ADMIN);
  }

  /** The name audit entries show: the user name, or the subject when there is none. */
  public String displayName() {
    return username != null && !username.isBlank() ? username : subject;
  }
}
