package io.millwright.server.tenants;

import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Each tenant's storage area: {@code <data-dir>/tenants/<tenant id>}, readable by the server's user
 * only. Named by id, never by slug, so a path can never be steered by user input.
 */
@ApplicationScoped
public class TenantStorage {

  @Inject PlatformSettings settings;

  public Path areaOf(TenantId tenant) {
    return settings.dataDir().resolve("tenants").resolve(tenant.toString());
  }

  public Path create(TenantId tenant) {
    Path area = areaOf(tenant);
    try {
      Files.createDirectories(area.getParent());
      if (!Files.exists(area)) {
        Files.createDirectory(
            area,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return area;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage area " + area, e);
    }
  }

  /** Deletes the area and everything in it; a missing area is fine. */
  public void destroy(TenantId tenant) {
    deleteTree(areaOf(tenant));
  }

  /** Deletes a directory inside a storage area and everything in it; a missing one is fine. */
  public static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}
