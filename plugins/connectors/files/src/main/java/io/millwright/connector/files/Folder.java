package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The drop folder: which files are there, which are ready, how one is opened and put away. */
final class Folder {

  /** A file in the folder that matches the pattern. */
  record Entry(Path path, String name, long size, Instant modified) {}

  static final Comparator<Entry> OLDEST_FIRST =
      Comparator.comparing(Entry::modified).thenComparing(Entry::name);

  private Folder() {}

  /**
   * The regular files matching the pattern, oldest first (by modification time, then name). Hidden
   * files and Office lock files ({@code ~$orders.xlsx}) are left out.
   */
  static List<Entry> list(FilesSettings s) throws ConnectorException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(s.folder())) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("~$") || !s.matches(name)) {
          continue;
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // gone since the listing
        }
        if (a.isRegularFile()) {
          entries.add(new Entry(p, name, a.size(), a.lastModifiedTime().toInstant()));
        }
      }
    } catch (NoSuchFileException e) {
      throw ConnectorException.configuration("Folder " + s.folder() + " does not exist");
    } catch (NotDirectoryException e) {
      throw ConnectorException.configuration("Folder " + s.folder() + " is not a folder");
    } catch (AccessDeniedException e) {
      throw ConnectorException.configuration(
          "Folder " + s.folder() + " cannot be read by the server (permission denied)");
    } catch (IOException e) {
      throw ConnectorException.unavailable(
          "Could not list folder " + s.folder() + ": " + e.getMessage(), e);
    }
    entries.sort(OLDEST_FIRST);
    return entries;
  }

  /** Whether a file has not changed for minAge, so it is not being written any more. */
  static boolean ready(Entry e, FilesSettings s, Instant now) {
    return !e.modified().plus(s.minAge()).isAfter(now);
  }

  /** How a file is read: by the format setting, else by its extension, else by its first bytes. */
  static Rows open(Path file, FilesSettings s) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    FilesSettings.Format format = s.format();
    if (format == FilesSettings.Format.AUTO) {
      byte[] magic;
      try (InputStream in = Files.newInputStream(file)) {
        magic = in.readNBytes(8);
      }
      boolean zip = magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3;
      boolean ole2 =
          magic.length >= 4
              && (magic[0] & 0xFF) == 0xD0
              && (magic[1] & 0xFF) == 0xCF
              && (magic[2] & 0xFF) == 0x11
              && (magic[3] & 0xFF) == 0xE0;
      if (ole2 || name.endsWith(".xls")) {
        return Rows.unreadable(
            file.getFileName().toString(),
            null,
            "the Excel 97-2003 format (.xls) is not read; save the file as .xlsx or CSV");
      }
      format =
          name.endsWith(".xlsx") || name.endsWith(".xlsm") || zip
              ? FilesSettings.Format.XLSX
              : FilesSettings.Format.CSV;
    }
    return format == FilesSettings.Format.XLSX
        ? XlsxRows.open(file, s.sheet())
        : CsvRows.open(file, s);
  }

  /**
   * Moves a file into the done folder under its own name, or with -2, -3... before the extension
   * when that name is taken there.
   */
  static Path moveToDone(Path file, Path doneFolder) throws IOException {
    Files.createDirectories(doneFolder);
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int n = 1; n < 100_000; n++) {
      Path target = doneFolder.resolve(n == 1 ? name : base + "-" + n + ext);
      try {
        // No REPLACE_EXISTING: a file of that name already done is never overwritten. A move to
        // another file system is a copy and a delete; a crash between them leaves the file here,
        // and the next committed() moves it again.
        return Files.move(file, target);
      } catch (FileAlreadyExistsException e) {
        // taken: the next suffix
      }
    }
    throw new FileSystemException(file.toString(), doneFolder.toString(), "no free name");
  }
}
