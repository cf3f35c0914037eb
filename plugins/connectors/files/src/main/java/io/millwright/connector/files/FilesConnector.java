package io.millwright.connector.files;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Reads spreadsheets dropped in a folder, on the server or on an SFTP server: CSV with commons-csv,
 * XLSX with POI's streaming event API. Files are read oldest first, one at a time, and moved to a
 * done folder once their rows are committed. Keeps no state: each polling source owns its open file
 * and, for SFTP, its connection.
 */
@Extension
public class FilesConnector implements Connector {

  /** What "now" is when deciding a file has stopped changing (minAge). */
  private final Clock clock;

  public FilesConnector() {
    this(Clock.systemUTC());
  }

  /** With another clock, for tests that must not wait out minAge. */
  FilesConnector(Clock clock) {
    this.clock = clock;
  }

  static final int SAMPLE_RECORDS = 5;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "files",
          "1.1.0",
          "Spreadsheet files (drop folder or SFTP)",
          "Reads CSV and XLSX files dropped in a folder on the server or on an SFTP server, oldest"
              + " first: every row of a file once, even across restarts, then the file is moved to"
              + " a done folder.",
          Set.of(Capability.POLL),
          List.of(
              ConfigOption.choice(
                  FilesSettings.LOCATION,
                  "Location",
                  "local",
                  List.of("local", "sftp"),
                  "Where the folder is: local (on the server, a mounted share included) or sftp"
                      + " (on an SFTP server: fill in Host, Username, Password or Private key, and"
                      + " Host key)."),
              ConfigOption.required(
                  FilesSettings.FOLDER,
                  "Folder",
                  OptionType.TEXT,
                  "The folder where files are dropped. Local: an absolute path on the server,"
                      + " e.g. /srv/millwright/drop/orders. SFTP: the path on the SFTP server, e.g."
                      + " /upload/orders, or relative to the user's login folder, e.g. upload."
                      + " Files are read from it and moved out of it, so write access is needed."),
              ConfigOption.optional(
                  FilesSettings.HOST,
                  "Host",
                  OptionType.TEXT,
                  null,
                  "SFTP: the server's name or address, e.g. files.example.com."),
              ConfigOption.optional(
                  FilesSettings.PORT,
                  "Port",
                  OptionType.INTEGER,
                  Integer.toString(FilesSettings.DEFAULT_PORT),
                  "SFTP: the server's port, usually 22."),
              ConfigOption.optional(
                  FilesSettings.USERNAME,
                  "Username",
                  OptionType.TEXT,
                  null,
                  "SFTP: the user to log in as, e.g. millwright."),
              ConfigOption.secret(
                  FilesSettings.PASSWORD,
                  "Password",
                  false,
                  "SFTP: the user's password. Leave empty to log in with a private key only."),
              new ConfigOption(
                  FilesSettings.PRIVATE_KEY,
                  "Private key",
                  "SFTP: a private key to log in with instead of (or besides) the password: the"
                      + " whole key file, from -----BEGIN to -----END (OpenSSH, PKCS#8 or PEM;"
                      + " ed25519, ECDSA or RSA). Its public key must be in the user's"
                      + " authorized_keys on the server.",
                  OptionType.MULTILINE_TEXT,
                  false,
                  null,
                  true,
                  List.of()),
              ConfigOption.secret(
                  FilesSettings.PRIVATE_KEY_PASSPHRASE,
                  "Private key passphrase",
                  false,
                  "SFTP: the passphrase of an encrypted private key. Empty for a key without one."),
              ConfigOption.optional(
                  FilesSettings.HOST_KEY,
                  "Host key",
                  OptionType.TEXT,
                  null,
                  "SFTP: the server's host key fingerprint, e.g."
                      + " SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU, as ssh-keygen -lf shows"
                      + " it (or the public key itself). A server whose key differs is refused, so"
                      + " no one can pose as it. Several, separated by commas, for a key change."
                      + " Empty: the connection test refuses the server and shows its fingerprint,"
                      + " to be checked with the server's administrator before it is pasted here."),
              ConfigOption.optional(
                  FilesSettings.PATTERN,
                  "Pattern",
                  OptionType.TEXT,
                  FilesSettings.DEFAULT_PATTERN,
                  "Which file names to read, a glob matched whatever the case, e.g. *.csv or"
                      + " orders-*.{csv,xlsx}. Hidden files and ~$ lock files are never read."),
              ConfigOption.choice(
                  FilesSettings.FORMAT,
                  "Format",
                  "auto",
                  List.of("auto", "csv", "xlsx"),
                  "How files are read: auto (by extension, else by content), csv or xlsx."),
              ConfigOption.optional(
                  FilesSettings.DELIMITER,
                  "Delimiter",
                  OptionType.TEXT,
                  null,
                  "CSV: the character between cells, e.g. ; or tab. Empty: detected from each"
                      + " file's header line (comma, semicolon, tab or |)."),
              ConfigOption.optional(
                  FilesSettings.SHEET,
                  "Sheet",
                  OptionType.TEXT,
                  null,
                  "XLSX: the name of the sheet to read, e.g. Orders. Empty: the first sheet."),
              ConfigOption.optional(
                  FilesSettings.DONE_FOLDER,
                  "Done folder",
                  OptionType.TEXT,
                  null,
                  "Where a file is moved once all its rows are committed, e.g. /srv/archive or"
                      + " done (inside the folder). Empty: <folder>/done. A name already taken"
                      + " there gets -2, -3... before the extension. On SFTP it must be on the"
                      + " same disk of the server as the folder (a move there is a rename)."),
              ConfigOption.optional(
                  FilesSettings.MIN_AGE,
                  "Minimum age",
                  OptionType.DURATION,
                  "5s",
                  "A file is read only once it has not changed for this long, so one still being"
                      + " copied or saved is not read half-written, e.g. 5s or 1m. On SFTP the"
                      + " connector watches the file's size and time for this long itself (the"
                      + " server's clock may differ from ours).")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    FilesSettings s = FilesSettings.of(context.config());
    try (DropFolder folder = DropFolder.of(s, context, clock)) {
      return check(s, folder, clock);
    }
  }

  private static ConnectionCheck check(FilesSettings s, DropFolder folder, Clock clock)
      throws ConnectorException {
    List<DropFolder.Entry> files = folder.list();
    folder.checkWritable();
    Instant now = clock.instant();
    // On SFTP a single look cannot tell a file still being uploaded: the sample is of the oldest.
    List<DropFolder.Entry> ready =
        folder.readyAtFirstSight()
            ? files.stream().filter(e -> folder.ready(e, now)).toList()
            : files;
    StringBuilder summary = new StringBuilder(s.where()).append(": ");
    if (files.isEmpty()) {
      summary.append("no file matches ").append(s.pattern()).append(" yet");
      return new ConnectionCheck(summary.toString(), List.of());
    }
    summary
        .append(files.size())
        .append(files.size() == 1 ? " file matches " : " files match ")
        .append(s.pattern());
    if (ready.size() < files.size()) {
      summary.append(", ").append(files.size() - ready.size()).append(" still being written");
    }
    List<SourceRecord> sample = new ArrayList<>();
    if (!ready.isEmpty()) {
      DropFolder.Entry first = ready.get(0);
      try (Rows rows = folder.open(first.name())) {
        SourceRecord r;
        while (sample.size() < SAMPLE_RECORDS && (r = rows.next()) != null) {
          sample.add(r);
        }
      } catch (AccessDeniedException e) {
        throw ConnectorException.configuration(
            "Cannot read " + first.name() + " (permission denied) in " + s.where());
      } catch (IOException e) {
        throw ConnectorException.unavailable(
            "Could not read " + first.name() + ": " + e.getMessage(), e);
      }
      summary
          .append("; the next to read is ")
          .append(first.name())
          .append(" (")
          .append(size(first.size()))
          .append(")");
      if (!sample.isEmpty() && !sample.get(0).isUnreadable()) {
        summary.append(", columns ").append(String.join(", ", sample.get(0).values().keySet()));
      } else if (!sample.isEmpty()) {
        summary.append(", which cannot be read: ").append(sample.get(0).problem());
      }
    }
    return new ConnectionCheck(summary.toString(), sample);
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  @Override
  public PollingSource openPolling(ConnectorContext context) throws ConnectorException {
    return new FilesPollingSource(FilesSettings.of(context.config()), context, clock);
  }
}
