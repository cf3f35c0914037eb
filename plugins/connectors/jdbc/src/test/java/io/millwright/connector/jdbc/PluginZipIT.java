package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.PluginApi;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The assembled plugin zip, loaded by PF4J as the host loads it: the connector comes from the
 * plugin's class loader, and finds the drivers bundled in its lib/ through that class loader.
 */
class PluginZipIT {

  private static final Path ZIP = Path.of("target/millwright-connector-jdbc-1.0.0-plugin.zip");

  @Test
  void theZipHoldsTheClassesTheIndexAndTheDriversButNotWhatTheHostProvides() throws Exception {
    try (ZipFile zip = new ZipFile(ZIP.toFile())) {
      List<String> names = zip.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "plugin.properties",
              "classes/META-INF/extensions.idx",
              "classes/io/millwright/connector/jdbc/JdbcConnector.class")
          .anyMatch(n -> n.matches("lib/mariadb-java-client-[\\d.]+\\.jar"))
          .anyMatch(n -> n.matches("lib/postgresql-[\\d.]+\\.jar"))
          .noneMatch(n -> n.contains("pf4j") || n.contains("millwright-plugin-api"))
          .noneMatch(n -> n.contains("slf4j") || n.contains("checker-qual"));
      String properties =
          new String(
              zip.getInputStream(zip.getEntry("plugin.properties")).readAllBytes(),
              java.nio.charset.StandardCharsets.UTF_8);
      assertThat(properties)
          .contains("plugin.id=millwright-connector-jdbc", "plugin.version=1.0.0")
          .doesNotContain("${");
    }
  }

  @Test
  void pf4jLoadsTheConnectorWhichReadsThroughItsOwnDrivers(@TempDir Path plugins) throws Exception {
    Files.copy(ZIP, plugins.resolve(ZIP.getFileName()));
    PluginManager manager = new DefaultPluginManager(plugins);
    manager.setSystemVersion(PluginApi.VERSION);
    manager.loadPlugins();
    manager.startPlugins();
    try {
      assertThat(manager.getPlugin("millwright-connector-jdbc").getPluginState())
          .isEqualTo(PluginState.STARTED);
      // The plugin's own: this test's class path holds the same classes (and index) as well.
      List<Connector> connectors =
          manager.getExtensions(Connector.class, "millwright-connector-jdbc");
      assertThat(connectors).hasSize(1);
      Connector connector = connectors.get(0);
      ClassLoader pluginLoader = manager.getPluginClassLoader("millwright-connector-jdbc");
      assertThat(connector.getClass().getClassLoader()).isSameAs(pluginLoader);
      assertThat(connector.getClass()).isNotSameAs(JdbcConnector.class);
      // The drivers it uses are the ones in the plugin's lib/, loaded by the plugin's loader.
      var driverFor =
          pluginLoader
              .loadClass(Connections.class.getName())
              .getDeclaredMethod("driverFor", String.class);
      driverFor.setAccessible(true);
      for (String url : List.of("jdbc:postgresql://h/db", "jdbc:mariadb://h/db")) {
        assertThat(driverFor.invoke(null, url).getClass().getClassLoader())
            .as(url)
            .isSameAs(pluginLoader);
      }

      String table = "zip_" + TestDb.suffix();
      try (Connection db = TestDb.postgres()) {
        TestDb.exec(
            db,
            "CREATE TABLE " + table + " (id int PRIMARY KEY, v text)",
            "INSERT INTO " + table + " VALUES (1, 'a'), (2, 'b')");
        try {
          Map<String, String> config =
              TypeMappingTest.config(TestDb.POSTGRES_URL, "postgres", table, null, "id");
          TestContext context = new TestContext(connector.descriptor(), config);
          ConnectionCheck check = connector.check(context);
          assertThat(check.summary()).matches("PostgreSQL \\d+\\.\\d+, " + table + ": 2 rows");
          try (PollingSource source = connector.openPolling(context)) {
            assertThat(TestDb.drain(source, null, 10).origins())
                .containsExactly(table + " id=1", table + " id=2");
          }
        } finally {
          TestDb.exec(db, "DROP TABLE " + table);
        }
      }
      Map<String, String> maria =
          TypeMappingTest.config(
              "jdbc:mysql://127.0.0.1:3306/test", "root", "seq_1_to_3", null, "seq");
      assertThat(connector.check(new TestContext(connector.descriptor(), maria)).summary())
          .matches("MariaDB \\d+\\.\\d+\\.\\d+, seq_1_to_3: 3 rows");
      // Nothing of the plugin's stays registered in DriverManager, to pin its class loader.
      assertThat(registeredDriverLoaders()).doesNotContain(pluginLoader).isNotEmpty();
    } finally {
      // Not stopPlugins(): PF4J 3.15.0 iterates the list it removes from (pf4j/pf4j#656).
      manager.stopPlugin("millwright-connector-jdbc");
      manager.unloadPlugin("millwright-connector-jdbc");
    }
  }

  /**
   * The class loaders of every driver DriverManager holds, whoever may see them (getDrivers() shows
   * a caller only its own); needs --add-opens java.sql/java.sql (the failsafe argLine).
   */
  private static List<ClassLoader> registeredDriverLoaders() throws Exception {
    java.lang.reflect.Field field =
        java.sql.DriverManager.class.getDeclaredField("registeredDrivers");
    field.setAccessible(true);
    List<ClassLoader> loaders = new java.util.ArrayList<>();
    for (Object info : (List<?>) field.get(null)) {
      java.lang.reflect.Field driver = info.getClass().getDeclaredField("driver");
      driver.setAccessible(true);
      loaders.add(driver.get(info).getClass().getClassLoader());
    }
    return loaders;
  }
}
