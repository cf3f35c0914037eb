package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * One connection's configuration, read and checked. A local drop folder has {@code folder} and
 * {@code doneFolder}; one on an SFTP server has {@code sftp} instead (its paths are the server's).
 */
record FilesSettings(
    Location location,
    Path folder,
    Path doneFolder,
    Sftp sftp,
    String pattern,
    PathMatcher matcher,
    Format format,
    Character delimiter,
    String sheet,
    Duration minAge) {

  static final String LOCATION = "location";
  static final String FOLDER = "folder";
  static final String HOST = "host";
  static final String PORT = "port";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String PRIVATE_KEY = "privateKey";
  static final String PRIVATE_KEY_PASSPHRASE = "privateKeyPassphrase";
  static final String HOST_KEY = "hostKey";
  static final String PATTERN = "pattern";
  static final String FORMAT = "format";
  static final String DELIMITER = "delimiter";
  static final String SHEET = "sheet";
  static final String DONE_FOLDER = "doneFolder";
  static final String MIN_AGE = "minAge";

  static final String DEFAULT_PATTERN = "*.{csv,xlsx}";
  static final int DEFAULT_PORT = 22;

  /** The options that only an SFTP drop folder takes. */
  static final List<String> SFTP_OPTIONS =
      List.of(HOST, USERNAME, PASSWORD, PRIVATE_KEY, PRIVATE_KEY_PASSPHRASE, HOST_KEY);

  /** Where the drop folder is. */
  enum Location {
    /** A folder of the server's file system (a mount included). */
    LOCAL,
    /** A folder on an SFTP server. */
    SFTP;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How a file is read. */
  enum Format {
    AUTO,
    CSV,
    XLSX;

    static Format of(String label) {
      return label == null ? AUTO : valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * An SFTP server and the folders on it.
   *
   * @param folder the drop folder, absolute or relative to the user's login folder, normalized
   *     ({@code /upload/orders}, {@code upload}, {@code .} for the login folder itself)
   * @param doneFolder likewise
   * @param password null when logging in with the key only
   * @param privateKey PEM or OpenSSH text; null when logging in with the password only
   * @param passphrase of an encrypted private key; null for none
   * @param hostKey the configured text naming the server's host key (fingerprints or public keys);
   *     null or blank when none is configured yet, which refuses every server
   */
  record Sftp(
      String host,
      int port,
      String username,
      String password,
      String privateKey,
      String passphrase,
      String hostKey,
      String folder,
      String doneFolder) {

    /** Where, for messages: {@code sftp://etl@files.example.com:22/upload/orders}. */
    String where(String path) {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return "sftp://"
          + username
          + "@"
          + h
          + ":"
          + port
          + (path.startsWith("/") ? path : "/~/" + (path.equals(".") ? "" : path));
    }

    /** The server, for messages: {@code files.example.com:22}. */
    String server() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
      // The password, key and passphrase must never end up in a log line.
      return "Sftp[" + where(folder) + "]";
    }
  }

  static FilesSettings of(ConnectorConfig config) throws ConnectorException {
    Location location = location(config.text(LOCATION));
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
    Duration minAge = config.duration(MIN_AGE);
    if (location == Location.SFTP) {
      Sftp sftp = sftp(config, done);
      return new FilesSettings(
          location, null, null, sftp, pattern, matcher, format, delimiter, sheet, minAge);
    }
    for (String option : SFTP_OPTIONS) {
      String v = config.text(option);
      if (v != null && !v.isBlank()) {
        throw ConnectorException.configuration(
            "Host, username, password, private key and host key are for a folder on an SFTP"
                + " server: set Location to sftp, or leave "
                + option
                + " empty");
      }
    }
    Path folder = absolute(config.requireText(FOLDER), "Folder");
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
    return new FilesSettings(
        location, folder, doneFolder, null, pattern, matcher, format, delimiter, sheet, minAge);
  }

  private static Location location(String text) throws ConnectorException {
    if (text == null || text.isBlank()) {
      return Location.LOCAL;
    }
    try {
      return Location.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ConnectorException.configuration("Location must be local or sftp");
    }
  }

  private static Sftp sftp(ConnectorConfig config, String done) throws ConnectorException {
    String host = text(config, HOST);
    if (host == null) {
      throw ConnectorException.configuration(
          "Host is required for an SFTP folder: the SFTP server's name or address, e.g."
              + " files.example.com");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.contains("/")
        || host.contains("@")
        || host.chars().anyMatch(Character::isWhitespace)) {
      throw ConnectorException.configuration(
          "Host is the SFTP server's name or address only, e.g. files.example.com: the user goes"
              + " in Username, the port in Port and the path in Folder");
    }
    int port = DEFAULT_PORT;
    String portText = text(config, PORT);
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65_535) {
        throw ConnectorException.configuration("Port must be between 1 and 65535 (SFTP: 22)");
      }
    }
    String username = text(config, USERNAME);
    if (username == null) {
      throw ConnectorException.configuration("Username is required for an SFTP folder");
    }
    // Secrets are kept as typed (no strip): a password may start or end with a space.
    String password = config.text(PASSWORD);
    password = password == null || password.isEmpty() ? null : password;
    String key = config.text(PRIVATE_KEY);
    key = key == null || key.isBlank() ? null : key;
    String passphrase = config.text(PRIVATE_KEY_PASSPHRASE);
    passphrase = passphrase == null || passphrase.isEmpty() ? null : passphrase;
    if (password == null && key == null) {
      throw ConnectorException.configuration(
          "An SFTP folder needs a Password or a Private key to log in with");
    }
    if (passphrase != null && key == null) {
      throw ConnectorException.configuration("Private key passphrase is set without a Private key");
    }
    String hostKey = text(config, HOST_KEY);
    String folder = remote(config.requireText(FOLDER), "Folder");
    String doneFolder =
        done == null || done.isBlank()
            ? remote(folder + "/done", "Done folder")
            : remote(
                done.strip().startsWith("/") ? done.strip() : folder + "/" + done.strip(),
                "Done folder");
    if (doneFolder.equals(folder)) {
      throw ConnectorException.configuration(
          "Done folder must not be the folder itself, or finished files would be read again");
    }
    return new Sftp(host, port, username, password, key, passphrase, hostKey, folder, doneFolder);
  }

  private static String text(ConnectorConfig config, String option) {
    String v = config.text(option);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /**
   * A path on the SFTP server, normalized: {@code /upload//orders/./} is {@code /upload/orders};
   * relative paths are relative to the user's login folder, {@code .} being that folder.
   */
  static String remote(String text, String label) throws ConnectorException {
    String t = text.strip();
    if (t.isEmpty() || t.indexOf('\0') >= 0 || t.contains("\\")) {
      throw ConnectorException.configuration(
          label + " on an SFTP server is a path such as /upload/orders (with /, not \\)");
    }
    boolean absolute = t.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : t.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!absolute) {
          parts.addLast(part);
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
  }

  /** The drop folder, for messages: a path on the server or an sftp:// address. */
  String where() {
    return sftp != null ? sftp.where(sftp.folder()) : folder.toString();
  }

  /** The done folder, for messages. */
  String doneWhere() {
    return sftp != null ? sftp.where(sftp.doneFolder()) : doneFolder.toString();
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
