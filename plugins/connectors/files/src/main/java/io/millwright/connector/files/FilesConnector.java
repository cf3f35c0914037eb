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
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Reads spreadsheets dropped in a folder: CSV with commons-csv, XLSX with POI's streaming event
 * API. Files are read oldest first, one at a time, and moved to a done folder once their rows are
 * committed. Keeps no state: each polling source owns its open file.
 */
@Extension
public class FilesConnector implements Connector {

  static final int SAMPLE_RECORDS = 5;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "files",
          "1.0.0",
          "Spreadsheet files (drop folder)",
          "Reads CSV and XLSX files dropped in a folder on the server, oldest first: every row of a"
              + " file once, even across restarts, then the file is moved to a done folder.",
          Set.of(Capability.POLL),
          List.of(
              ConfigOption.required(
                  FilesSettings.FOLDER,
                  "Folder",
                  OptionType.TEXT,
                  "Absolute path of the folder on the server where files are dropped, e.g."
                      + " /srv/millwright/drop/orders. The server needs read and write access."),
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
                      + " there gets -2, -3... before the extension."),
              ConfigOption.optional(
                  FilesSettings.MIN_AGE,
                  "Minimum age",
                  OptionType.DURATION,
                  "5s",
                  "A file is read only once it has not changed for this long, so one still being"
                      + " copied or saved is not read half-written, e.g. 5s or 1m.")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    FilesSettings s = FilesSettings.of(context.config());
    List<Folder.Entry> files = Folder.list(s);
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
    Instant now = Instant.now();
    List<Folder.Entry> ready = files.stream().filter(e -> Folder.ready(e, s, now)).toList();
    StringBuilder summary = new StringBuilder(s.folder().toString()).append(": ");
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
      Folder.Entry first = ready.get(0);
      try (Rows rows = Folder.open(first.path(), s)) {
        SourceRecord r;
        while (sample.size() < SAMPLE_RECORDS && (r = rows.next()) != null) {
          sample.add(r);
        }
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
    return new FilesPollingSource(FilesSettings.of(context.config()), context);
  }
}
