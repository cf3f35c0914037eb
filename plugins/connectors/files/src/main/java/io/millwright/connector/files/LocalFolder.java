package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorException;
import java.io.IOException;
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
import java.util.List;

/** A drop folder on the server's own file system (or a share mounted there). */
final class LocalFolder implements DropFolder {

  private final FilesSettings s;

  LocalFolder(FilesSettings s) {
    this.s = s;
  }

  @Override
  public String reader() {
    return "the server";
  }

  @Override
  public List<Entry> list() throws ConnectorException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(s.folder())) {
      for (Path p : dir) {
        String name = p.getFileName().toString();
        if (!DropFolder.listed(name, s)) {
          continue;
        }
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // gone since the listing
        }
        if (a.isRegularFile()) {
          entries.add(new Entry(name, a.size(), a.lastModifiedTime().toInstant()));
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

  /** Whether a file has not changed for minAge, by its modification time. */
  @Override
  public boolean ready(Entry e, Instant now) {
    return !e.modified().plus(s.minAge()).isAfter(now);
  }

  @Override
  public boolean readyAtFirstSight() {
    return true;
  }

  @Override
  public FileId id(String name) throws IOException {
    return FileId.of(s.folder().resolve(name));
  }

  @Override
  public Rows open(String name) throws IOException {
    Path file = s.folder().resolve(name);
    Opener opener = () -> Files.newInputStream(file);
    FilesSettings.Format format = DropFolder.format(name, opener, s);
    if (format == null) {
      return DropFolder.xls(name);
    }
    return format == FilesSettings.Format.XLSX
        ? XlsxRows.open(file, name, s.sheet())
        : CsvRows.open(name, opener, s);
  }

  @Override
  public String moveToDone(String name) throws IOException {
    Path file = s.folder().resolve(name);
    Path doneFolder = s.doneFolder();
    Files.createDirectories(doneFolder);
    for (int n = 1; n < 100_000; n++) {
      Path target = doneFolder.resolve(DropFolder.doneName(name, n));
      try {
        // No REPLACE_EXISTING: a file of that name already done is never overwritten. A move to
        // another file system is a copy and a delete; a crash between them leaves the file here,
        // and the next committed() moves it again.
        return Files.move(file, target).toString();
      } catch (FileAlreadyExistsException e) {
        // taken: the next suffix
      }
    }
    throw new FileSystemException(file.toString(), doneFolder.toString(), "no free name");
  }

  @Override
  public void checkWritable() throws ConnectorException {
    if (!Files.isWritable(s.folder())) {
      throw ConnectorException.configuration(
          "Folder "
              + s.folder()
              + " is read-only for the server, which must move finished files out of it");
    }
    if (Files.exists(s.doneFolder())
        && (!Files.isDirectory(s.doneFolder()) || !Files.isWritable(s.doneFolder()))) {
      throw ConnectorException.configuration(
          "Done folder " + s.doneFolder() + " is not a folder the server can write to");
    }
  }

  @Override
  public void close() {}
}
