/**
 * Integration tests against the real platform: the Liberty server started by the build, the
 * PostgreSQL database and the Keycloak that {@code ops/millwright test} brings up. Nothing here is
 * mocked; helpers only make the real calls shorter to write.
 */
package io.millwright.server.it;
