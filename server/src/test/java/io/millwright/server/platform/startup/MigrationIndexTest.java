package io.millwright.server.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each module's migration index must name exactly the scripts in its migration folder. */
class MigrationIndexTest {

  @ParameterizedTest
  @ValueSource(strings = {"server", "billing-metering"})
  void indexListsEveryScriptOfTheModule(String module) throws IOException {
    Path folder = Path.of("..", module, "src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(folder)) {
      var scripts =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sql"))
              .sorted()
              .toList();
      var indexed =
          Files.readAllLines(folder.resolve(module + ".idx")).stream()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .sorted()
              .toList();
      assertThat(indexed).isNotEmpty().isEqualTo(scripts);
    }
  }

  @org.junit.jupiter.api.Test
  void everyModuleWithMigrationsIsMigrated() {
    assertThat(DatabaseMigrations.MODULES).containsExactlyInAnyOrder("server", "billing-metering");
  }
}
