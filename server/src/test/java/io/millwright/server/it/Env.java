package io.millwright.server.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the services under test are, as exported by {@code ops/millwright test}. */
final class Env {

  private Env() {}

  static String get(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String require(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: run the tests with ops/millwright test");
    }
    return value;
  }

  static String fromFile(String variable) {
    try {
      return Files.readString(Path.of(require(variable))).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String baseUrl() {
    return "http://127.0.0.1:" + get("MILLWRIGHT_HTTP_PORT", "9480");
  }

  static String keycloakUrl() {
    return get("MILLWRIGHT_KEYCLOAK_URL", "http://127.0.0.1:8180");
  }

  static String jdbcUrl() {
    return "jdbc:postgresql://"
        + get("MILLWRIGHT_DB_HOST", "127.0.0.1")
        + ":"
        + get("MILLWRIGHT_DB_PORT", "5432")
        + "/"
        + get("MILLWRIGHT_DB_NAME", "millwright_test");
  }
}
