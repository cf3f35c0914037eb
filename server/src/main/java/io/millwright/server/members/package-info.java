/**
 * Tenant membership: who belongs to a tenant with which roles, kept in PostgreSQL (the authority
 * the edge checks on every request) and mirrored to the tenant's Keycloak organization.
 */
package io.millwright.server.members;
