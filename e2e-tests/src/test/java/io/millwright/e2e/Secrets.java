package io.millwright.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platform admin's password, as ops/millwright generated it. */
final class Secrets {

  private Secrets() {}

  static String platformAdminPassword() {
    String file = System.getenv("MILLWRIGHT_ADMIN_PASSWORD_FILE");
    if (file == null) {
      throw new IllegalStateException(
          "run through ops/millwright test (MILLWRIGHT_ADMIN_PASSWORD_FILE)");
    }
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
