package io.millwright.connector.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.Connector;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the host relies on to find and use the plugin. */
class PluginPackagingTest {

  @Test
  void theExtensionIsIndexedForPf4j() throws Exception {
    boolean found = false;
    for (URL url :
        Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
      try (InputStream in = url.openStream()) {
        String idx = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        found |= idx.lines().anyMatch(JdbcConnector.class.getName()::equals);
      }
    }
    assertThat(found).as("META-INF/extensions.idx names JdbcConnector").isTrue();
    assertThat(JdbcConnector.class.getAnnotation(org.pf4j.Extension.class)).isNotNull();
    assertThat(Connector.class).isAssignableFrom(JdbcConnector.class);
  }

  @Test
  void theDescriptorIsTheOneTheBriefAsksFor() {
    var d = new JdbcConnector().descriptor();
    assertThat(d.id()).isEqualTo("jdbc");
    assertThat(d.capabilities()).containsExactly(Capability.POLL);
    assertThat(d.options())
        .extracting(o -> o.name())
        .containsExactly(
            "url",
            "user",
            "password",
            "table",
            "query",
            "watermarkColumn",
            "keyColumns",
            "fetchSize",
            "queryTimeout");
    assertThat(d.options().stream().filter(o -> o.secret()).map(o -> o.name()).toList())
        .containsExactly("password");
    assertThat(d.options().stream().filter(o -> o.required()).map(o -> o.name()).toList())
        .containsExactly("url", "keyColumns");
    assertThat(
            io.millwright.plugin.api.connector.ConnectorConfig.of(
                    d, Map.of("url", "jdbc:mariadb://h/db", "table", "t", "keyColumns", "id"))
                .values())
        .containsEntry("fetchSize", "5000")
        .containsEntry("queryTimeout", "5m");
  }

  @Test
  void bothDriversAreFoundThroughThePluginsOwnClassLoader() {
    assertThat(Connections.driverFor("jdbc:mariadb://h/db").getClass().getName())
        .isEqualTo("org.mariadb.jdbc.Driver");
    assertThat(Connections.driverFor("jdbc:postgresql://h/db").getClass().getName())
        .isEqualTo("org.postgresql.Driver");
    List<String> names =
        ServiceLoader.load(java.sql.Driver.class, JdbcConnector.class.getClassLoader()).stream()
            .map(p -> p.type().getName())
            .toList();
    assertThat(names).contains("org.mariadb.jdbc.Driver", "org.postgresql.Driver");
  }

  @Test
  void versionsAreShortened() {
    assertThat(JdbcConnector.shortVersion("10.11.19-MariaDB-0+deb12u1")).isEqualTo("10.11.19");
    assertThat(JdbcConnector.shortVersion("15.20 (Debian 15.20-0+deb12u1)")).isEqualTo("15.20");
    assertThat(Pattern.matches("\\d+", JdbcConnector.shortVersion("8"))).isTrue();
  }
}
