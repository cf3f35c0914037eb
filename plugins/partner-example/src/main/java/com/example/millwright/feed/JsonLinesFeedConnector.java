package com.example.millwright.feed;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Reads a JSON Lines file another system appends to (an export, a log of orders). The offset is the
 * byte position after the last complete line committed, so a restart reads on from there; a line
 * still being written (no newline yet) waits for the next poll. Each line's flat JSON object
 * becomes a record; a line that is not such an object is handed over as unreadable.
 */
@Extension
public class JsonLinesFeedConnector implements Connector {

  static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "jsonl-feed",
          "1.0.0",
          "JSON Lines feed (example partner)",
          "Reads a JSON Lines file that another system appends to, from where the last commit"
              + " ended.",
          Set.of(Capability.POLL),
          List.of(
              ConfigOption.required(
                  "path",
                  "Feed file",
                  OptionType.TEXT,
                  "Absolute path of the .jsonl file on the server, e.g. /var/feeds/orders.jsonl")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    Path path = path(context);
    try {
      long size = Files.size(path);
      List<SourceRecord> sample = read(path, 0, 3).records();
      return new ConnectionCheck(path.getFileName() + ": " + size + " bytes", sample);
    } catch (NoSuchFileException e) {
      throw ConnectorException.configuration("no feed file at " + path);
    } catch (IOException e) {
      throw ConnectorException.unavailable("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PollingSource openPolling(ConnectorContext context) throws ConnectorException {
    Path path = path(context);
    return new PollingSource() {
      @Override
      public Batch poll(Offset after, int maxRecords) throws ConnectorException {
        long from = after == null ? 0 : Long.parseLong(after.value());
        try {
          context.status("reading " + path.getFileName() + " from byte " + from);
          return read(path, from, maxRecords);
        } catch (NoSuchFileException e) {
          throw ConnectorException.configuration("no feed file at " + path);
        } catch (IOException e) {
          throw ConnectorException.unavailable("cannot read " + path + ": " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {}
    };
  }

  private static Path path(ConnectorContext context) throws ConnectorException {
    Path path = Path.of(context.config().requireText("path"));
    if (!path.isAbsolute()) {
      throw ConnectorException.configuration("the feed file path must be absolute");
    }
    return path;
  }

  /** Up to {@code max} complete lines from a byte position; the offset is after the last one. */
  static Batch read(Path path, long from, int max) throws IOException {
    List<SourceRecord> records = new ArrayList<>();
    long position = from;
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      file.seek(from);
      java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
      int b;
      while (records.size() < max && (b = file.read()) != -1) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        long start = position;
        position = file.getFilePointer();
        String text = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (!text.isEmpty()) {
          records.add(FlatJson.record(path.getFileName() + " @" + start, text));
        }
      }
      boolean more = records.size() >= max && position < file.length();
      return new Batch(records, new Offset(Long.toString(position)), more);
    }
  }
}
