package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where files are dropped: a folder of the server's file system ({@link LocalFolder}) or one on an
 * SFTP server ({@link SftpFolder}). Both list, open and put files away the same way; the polling
 * source and {@code check} do not know which one they have.
 *
 * <p>Problems come as {@link ConnectorException} where the kind is known here (a missing folder, a
 * refused login), else as {@link IOException}: {@link NoSuchFileException} for a file gone
 * meanwhile, {@link AccessDeniedException} for a permission problem, any other for I/O or the
 * network.
 */
interface DropFolder extends Closeable {

  /** A file in the folder that matches the pattern. */
  record Entry(String name, long size, Instant modified) {}

  Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::modified).thenComparing(Entry::name);

  /** The drop folder the settings name. */
  static DropFolder of(FilesSettings s, ConnectorContext context, java.time.Clock clock) {
    return s.sftp() != null ? new SftpFolder(s, context.log(), clock) : new LocalFolder(s);
  }

  /** Who reads the folder, for messages: "the server", "SFTP user etl". */
  String reader();

  /**
   * The regular files matching the pattern, oldest first (by modification time, then name). Hidden
   * files ({@code .name}) and Office lock files ({@code ~$orders.xlsx}) are left out.
   */
  List<Entry> list() throws ConnectorException;

  /** Whether a listed file has stopped changing, so it is not being written any more. */
  boolean ready(Entry e, Instant now);

  /**
   * Whether {@link #ready} can tell at the first listing (by the file's modification time), rather
   * than only after watching the file for minAge.
   */
  boolean readyAtFirstSight();

  /** The identity of a file as it is now; null when it is gone. */
  FileId id(String name) throws IOException, ConnectorException;

  /** The records of a file, by the format setting, else its extension, else its first bytes. */
  Rows open(String name) throws IOException, ConnectorException;

  /**
   * Whether rows opened earlier can still be read on: false once the connection they came through
   * is gone (the file is then opened again).
   */
  default boolean usable(Rows rows) {
    return true;
  }

  /**
   * Moves a file into the done folder under its own name, or with -2, -3... before the extension
   * when that name is taken there; never overwrites.
   *
   * @return where it went, for the log
   * @throws NoSuchFileException when the file is gone
   */
  String moveToDone(String name) throws IOException, ConnectorException;

  /**
   * For {@code check}: that the folder can be written to (finished files are moved out of it) and
   * the done folder, when it exists, too.
   */
  void checkWritable() throws ConnectorException;

  @Override
  void close();

  /** Opens a file's bytes from its start; each call a new stream. */
  interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * The format a file is read as, by the setting, else its name, else its first bytes; null for an
   * .xls (or any OLE2 file), which is not read.
   */
  static FilesSettings.Format format(String fileName, Opener opener, FilesSettings s)
      throws IOException {
    if (s.format() != FilesSettings.Format.AUTO) {
      return s.format();
    }
    String name = fileName.toLowerCase(Locale.ROOT);
    byte[] magic;
    try (InputStream in = opener.open()) {
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
      return null;
    }
    return name.endsWith(".xlsx") || name.endsWith(".xlsm") || zip
        ? FilesSettings.Format.XLSX
        : FilesSettings.Format.CSV;
  }

  /** The one record of an .xls file, which is not read. */
  static Rows xls(String fileName) {
    return Rows.unreadable(
        fileName,
        null,
        "the Excel 97-2003 format (.xls) is not read; save the file as .xlsx or CSV");
  }

  /** The name a file gets in the done folder on the n-th try: orders.csv, orders-2.csv... */
  static String doneName(String name, int n) {
    if (n == 1) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    return base + "-" + n + ext;
  }

  /** Whether a file name is listed at all: not hidden, not a lock file, matching the pattern. */
  static boolean listed(String name, FilesSettings s) {
    return !name.startsWith(".") && !name.startsWith("~$") && s.matches(name);
  }
}
