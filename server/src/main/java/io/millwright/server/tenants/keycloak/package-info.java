/**
 * The Keycloak admin REST calls Millwright needs (organizations, users, organization members), made
 * with the JDK HTTP client under a service-account token. Nothing outside this package speaks
 * Keycloak's admin API.
 */
package io.millwright.server.tenants.keycloak;
