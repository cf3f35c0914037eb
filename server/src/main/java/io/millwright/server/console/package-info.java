/**
 * The web console's server side: Keycloak sign-in (authorization code + PKCE) into an HTTP session,
 * the filter that turns that session into the request's caller, and the adapters that implement the
 * console's ports with the same services, gate, audit and metering as the REST API.
 */
package io.millwright.server.console;
