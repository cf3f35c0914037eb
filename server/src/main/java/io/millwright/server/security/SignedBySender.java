package io.millwright.server.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * Marks an endpoint that outside systems call without a Keycloak token: the request is
 * authenticated by the sender's signature, which the connection's connector verifies (a webhook
 * HMAC). The edge still resolves the tenant in the path ({@code {slug}}), refuses suspended or
 * unknown tenants and applies the tenant's rate limit; there is no caller and no role.
 *
 * <p>Only paths matching {@link #PATHS} may carry it: the authentication filter runs before
 * matching and lets exactly those through without a token, so a stray annotation elsewhere cannot
 * open an endpoint.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignedBySender {

  /** The paths (relative to /api) that are signed by their sender instead of bearing a token. */
  Pattern PATHS = Pattern.compile("^/?push/[a-z0-9][a-z0-9-]{0,62}/[0-9a-fA-F-]{36}/?$");
}
