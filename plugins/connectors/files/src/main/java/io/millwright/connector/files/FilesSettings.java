package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Locale;

/** One connection's configuration, read and checked. */
record FilesSettings(
    Path folder,
    String pattern,
    PathMatcher matcher,
    Format format,
    Character delimiter,
    String sheet,
    Path doneFolder,
    Duration minAge) {

  static final String FOLDER = "folder";
  static final String PATTERN = "pattern";
  static final String FORMAT = "format";
  static final String DELIMITER = "delimiter";
  static final String SHEET = "sheet";
  static final String DONE_FOLDER = "doneFolder";
  static final String MIN_AGE = "minAge";

  static final String DEFAULT_PATTERN = "*.{csv,xlsx}";

  /** How a file is read. */
  enum Format {
    AUTO,
    CSV,
    XLSX;

    static Format of(String label) {
      return label == null ? AUTO : valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  static FilesSettings of(ConnectorConfig config) throws ConnectorException {
    Path folder = absolute(config.requireText(FOLDER), "Folder");
    String pattern = config.text(PATTERN);
    if (pattern == null || pattern.isBlank()) {
      pattern = DEFAULT_PATTERN;
    }
    if (pattern.contains("/") || pattern.contains("\\")) {
      throw ConnectorException.configuration(
          "Pattern matches file names, not paths: no '/' in it, e.g. *.csv or orders-*.{csv,xlsx}");
    }
    PathMatcher matcher;
    try {
      // File names match whatever their case: Windows users drop ORDERS.CSV as well.
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration(
          "Pattern is not a valid glob (" + e.getMessage() + "); e.g. *.{csv,xlsx}");
    }
    Format format;
    try {
      format = Format.of(config.text(FORMAT));
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration("Format must be auto, csv or xlsx");
    }
    Character delimiter = delimiter(config.text(DELIMITER));
    String sheet = config.text(SHEET);
    sheet = sheet == null || sheet.isBlank() ? null : sheet.strip();
    String done = config.text(DONE_FOLDER);
    Path doneFolder;
    if (done == null || done.isBlank()) {
      doneFolder = folder.resolve("done");
    } else {
      try {
        // A relative done folder is inside the folder.
        doneFolder = folder.resolve(done.strip()).normalize();
      } catch (InvalidPathException e) {
        throw ConnectorException.configuration("Done folder is not a valid path");
      }
    }
    if (doneFolder.equals(folder)) {
      throw ConnectorException.configuration(
          "Done folder must not be the folder itself, or finished files would be read again");
    }
    Duration minAge = config.duration(MIN_AGE);
    return new FilesSettings(
        folder, pattern, matcher, format, delimiter, sheet, doneFolder, minAge);
  }

  private static Path absolute(String text, String label) throws ConnectorException {
    Path p;
    try {
      p = Path.of(text.strip());
    } catch (InvalidPathException e) {
      throw ConnectorException.configuration(label + " is not a valid path");
    }
    if (!p.isAbsolute()) {
      throw ConnectorException.configuration(
          label + " must be an absolute path, e.g. /srv/drop/orders, not " + text.strip());
    }
    return p.normalize();
  }

  /** A single character, or a name for one; null means sniffed from each file's header. */
  static Character delimiter(String text) throws ConnectorException {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t = text.equals("\t") ? "\t" : text.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "", "auto" -> {
        return null;
      }
      case "tab", "\\t", "\t" -> {
        return '\t';
      }
      case "comma" -> {
        return ',';
      }
      case "semicolon" -> {
        return ';';
      }
      case "pipe" -> {
        return '|';
      }
      default -> {
        if (t.length() == 1 && t.charAt(0) != '"' && t.charAt(0) != '\n' && t.charAt(0) != '\r') {
          return t.charAt(0);
        }
        throw ConnectorException.configuration(
            "Delimiter must be one character (, ; | or tab), or empty to detect it per file");
      }
    }
  }

  /** Whether a file name matches the pattern, whatever its case. */
  boolean matches(String fileName) {
    return matcher.matches(Path.of(fileName.toLowerCase(Locale.ROOT)));
  }
}
