/**
 * Tenants: the registry, provisioning as a compensating saga across PostgreSQL, Keycloak and the
 * tenant's storage area, suspension, deletion with a purge grace period, and crypto-shredding. The
 * Keycloak details live in {@code tenants.keycloak}.
 */
package io.millwright.server.tenants;
