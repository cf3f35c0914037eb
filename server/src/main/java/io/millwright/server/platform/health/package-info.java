/** MicroProfile Health checks: readiness needs PostgreSQL and Keycloak; liveness needs the JVM. */
package io.millwright.server.platform.health;
