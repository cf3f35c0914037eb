package io.millwright.server.platform.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Finds migrations through index files instead of directory scanning. Liberty's class loaders do
 * not list the contents of {@code db/migration} inside a WAR, so Flyway's scanner finds nothing;
 * each module therefore ships {@code db/migration/<module>.idx} naming its scripts, and a unit test
 * per module keeps the index equal to the folder.
 */
final class IndexedMigrations implements ResourceProvider {

  static final String FOLDER = "db/migration/";

  private final ClassLoader loader;
  private final List<LoadableResource> resources;

  IndexedMigrations(ClassLoader loader, List<String> indexNames) {
    this.loader = loader;
    this.resources = new ArrayList<>();
    for (String index : indexNames) {
      readIndex(index).forEach(name -> resources.add(new Script(name)));
    }
  }

  /** Every index file on the class path, whichever module it comes from. */
  static List<String> indexesOn(ClassLoader loader, String... modules) {
    List<String> found = new ArrayList<>();
    for (String module : modules) {
      if (loader.getResource(FOLDER + module + ".idx") != null) {
        found.add(FOLDER + module + ".idx");
      }
    }
    return found;
  }

  private List<String> readIndex(String index) {
    try {
      Enumeration<URL> urls = loader.getResources(index);
      List<String> names = new ArrayList<>();
      while (urls.hasMoreElements()) {
        try (InputStream in = urls.nextElement().openStream();
            BufferedReader r =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          r.lines()
              .map(String::trim)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .forEach(names::add);
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration index " + index, e);
    }
  }

  @Override
  public LoadableResource getResource(String name) {
    return resources.stream()
        .filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    return resources.stream()
        .filter(r -> r.getFilename().startsWith(prefix))
        .filter(r -> Arrays.stream(suffixes).anyMatch(s -> r.getFilename().endsWith(s)))
        .toList();
  }

  private final class Script extends LoadableResource {
    private final String fileName;

    Script(String fileName) {
      this.fileName = fileName;
      if (loader.getResource(FOLDER + fileName) == null) {
        throw new IllegalStateException(
            "migration index names "
                + fileName
                + " but "
                + FOLDER
                + fileName
                + " is not on the class path");
      }
    }

    @Override
    public Reader read() {
      InputStream in = loader.getResourceAsStream(FOLDER + fileName);
      return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @Override
    public String getAbsolutePath() {
      return FOLDER + fileName;
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return null;
    }

    @Override
    public String getFilename() {
      return fileName;
    }

    @Override
    public String getRelativePath() {
      return fileName;
    }
  }
}
