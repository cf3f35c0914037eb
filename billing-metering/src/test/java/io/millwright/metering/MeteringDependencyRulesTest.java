package io.millwright.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The few dependency rules of this module, checked on the sources (ArchUnit is not pinned in the
 * parent yet): the domain and the counter never touch JDBC or server frameworks.
 */
class MeteringDependencyRulesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/millwright/metering");
  private static final List<String> FORBIDDEN =
      List.of(
          "java.sql.", "javax.sql.", "jakarta.", "javax.ws.", "com.vaadin.", "org.apache.camel.");

  @Test
  void theDomainPackageIsPlainJava() throws IOException {
    assertNoForbiddenImports(SOURCES, false);
  }

  @Test
  void theCounterIsPlainJava() throws IOException {
    assertNoForbiddenImports(SOURCES.resolve("counter"), true);
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      assertThat(dirs.filter(Files::isDirectory))
          .isNotEmpty()
          .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).exists());
    }
  }

  private static void assertNoForbiddenImports(Path dir, boolean recursive) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = recursive ? Files.walk(dir) : Files.list(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String source = Files.readString(file);
      assertThat(FORBIDDEN)
          .as("imports of %s", file)
          .noneMatch(prefix -> source.contains("import " + prefix));
    }
  }
}
