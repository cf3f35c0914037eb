package io.millwright.server.platform.startup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway, connected as the owner role. Migrations of every module
 * live under {@code db/migration} with date-based versions so modules never collide.
 */
@ApplicationScoped
public class DatabaseMigrations {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class.getName());

  /** Modules that ship migrations, each as {@code db/migration/<module>.idx}. */
  static final String[] MODULES = {"server", "billing-metering"};

  @Resource(lookup = "jdbc/millwright-owner")
  DataSource ownerDataSource;

  @Inject
  @ConfigProperty(name = "millwright.db.app-user", defaultValue = "millwright_app")
  String appRole;

  public void migrate() {
    ClassLoader loader = DatabaseMigrations.class.getClassLoader();
    List<String> indexes = IndexedMigrations.indexesOn(loader, MODULES);
    if (indexes.size() != MODULES.length) {
      throw new IllegalStateException("migration indexes missing: found only " + indexes);
    }
    Flyway flyway =
        Flyway.configure(loader)
            .dataSource(ownerDataSource)
            .locations(new String[0])
            .resourceProvider(new IndexedMigrations(loader, indexes))
            .placeholders(Map.of("app_role", appRole))
            .load();
    MigrateResult result = flyway.migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + flyway.info().current().getVersion()
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
