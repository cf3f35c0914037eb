/**
 * The security edge: bearer-token verification against Keycloak's keys, the per-request context
 * (request id, caller, tenant) set once per request, and the checks of platform and tenant roles.
 * Everything below this package receives the caller and tenant explicitly.
 */
package io.millwright.server.security;
