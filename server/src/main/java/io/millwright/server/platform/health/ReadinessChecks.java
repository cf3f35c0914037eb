package io.millwright.server.platform.health;

import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready means both dependencies every request needs answer: PostgreSQL and Keycloak. */
@ApplicationScoped
public class ReadinessChecks {

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  @Inject KeycloakDirectory keycloak;

  @Produces
  @Readiness
  HealthCheck postgres() {
    return () -> {
      try (Connection c = dataSource.getConnection()) {
        return HealthCheckResponse.named("postgresql").status(c.isValid(2)).build();
      } catch (SQLException e) {
        return HealthCheckResponse.named("postgresql").down().build();
      }
    };
  }

  @Produces
  @Readiness
  HealthCheck keycloak() {
    return () -> HealthCheckResponse.named("keycloak").status(keycloak.realmAnswers()).build();
  }

  @Produces
  @Liveness
  HealthCheck alive() {
    return () -> HealthCheckResponse.up("jvm");
  }
}
