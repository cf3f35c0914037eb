package io.millwright.connector.files;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection's reader of a drop folder. Files are read one at a time, oldest first, each to its
 * end before the next; a poll never mixes two files. The offset names the file and how many of its
 * records were handed out, so a poll resumes inside a file and polling the same offset again hands
 * out the same records. The batch that ends a file carries an offset marked done; {@link
 * #committed} then moves the file to the done folder.
 *
 * <p>The open file is kept between polls: a poll that continues where the last one stopped reads
 * on, any other position reopens the file and skips to it (after a restart, or a poll repeated by
 * the host).
 */
final class FilesPollingSource implements PollingSource {

  private final FilesSettings s;
  private final ConnectorContext context;
  private final DropFolder folder;
  private OpenFile open;
  private boolean closed;

  /** The file being read, where it is, and the record read ahead to learn that it has more. */
  private static final class OpenFile {
    final FileId id;
    final Rows rows;
    long row;
    SourceRecord ahead;

    OpenFile(FileId id, Rows rows) {
      this.id = id;
      this.rows = rows;
    }

    SourceRecord next() throws IOException {
      if (ahead != null) {
        SourceRecord r = ahead;
        ahead = null;
        return r;
      }
      return rows.next();
    }

    boolean hasMore() throws IOException {
      if (ahead == null) {
        ahead = rows.next();
      }
      return ahead != null;
    }
  }

  private final java.time.Clock clock;

  FilesPollingSource(FilesSettings s, ConnectorContext context, java.time.Clock clock) {
    this.s = s;
    this.context = context;
    this.clock = clock;
    this.folder = DropFolder.of(s, context, clock);
  }

  @Override
  public synchronized Batch poll(Offset after, int maxRecords) throws ConnectorException {
    if (closed) {
      throw new IllegalStateException("the source is closed");
    }
    FilePosition at = FilePosition.of(after);
    Offset same = after != null ? after : at.toOffset();
    if (maxRecords <= 0) {
      return new Batch(List.of(), same, false);
    }
    try {
      return read(at, same, maxRecords);
    } catch (AccessDeniedException e) {
      closeOpen();
      throw ConnectorException.configuration(
          "Cannot read "
              + e.getFile()
              + " (permission denied); "
              + folder.reader()
              + " must be able to read the files in "
              + s.where());
    } catch (IOException e) {
      closeOpen();
      throw ConnectorException.unavailable("Could not read " + describe(e), e);
    }
  }

  private Batch read(FilePosition at, Offset same, int maxRecords)
      throws IOException, ConnectorException {
    List<DropFolder.Entry> listing = folder.list();
    Map<String, DropFolder.Entry> byName = new HashMap<>();
    for (DropFolder.Entry e : listing) {
      byName.put(e.name(), e);
    }
    List<FileId> finished = stillWaiting(at.allFinished(), byName);

    FileId current = null;
    long row = 0;
    if (at.file() != null && !at.done()) {
      DropFolder.Entry e = byName.get(at.file().name());
      FileId now = e == null ? null : folder.id(e.name());
      if (now != null && at.file().sameStart(now)) {
        current = now; // the same file, perhaps grown
        row = at.row();
      } else {
        context.log().log(
            Level.WARNING,
            at.file().name()
                + (now == null ? " is gone" : " was replaced")
                + " while being read, after "
                + at.row()
                + " records; the rest of it is not read");
      }
    }

    Instant now = clock.instant();
    while (true) {
      if (current == null) {
        DropFolder.Entry next = firstReady(listing, finished, null, now);
        if (next == null) {
          waiting(listing, finished, now);
          return new Batch(List.of(), same, false);
        }
        current = folder.id(next.name());
        row = 0;
        if (current == null) {
          listing.remove(next); // gone since the listing
          continue;
        }
        if (!new FilePosition(current, 0, false, finished).fits()) {
          context.status(
              finished.size()
                  + " finished files wait to be moved to "
                  + s.doneWhere()
                  + "; no new file is started until they are");
          return new Batch(List.of(), same, false);
        }
      }
      OpenFile file = openAt(current, row);
      List<SourceRecord> out = new ArrayList<>(Math.min(maxRecords, 4096));
      SourceRecord r;
      while (out.size() < maxRecords && (r = file.next()) != null) {
        out.add(r);
        file.row++;
      }
      boolean done = !file.hasMore();
      if (!done) {
        status(current, file.row, false);
        return new Batch(
            out, new FilePosition(current, file.row, false, finished).toOffset(), true);
      }
      closeOpen();
      // The identity the move will check: the file as it is now that it was read to its end.
      FileId end = folder.id(current.name());
      FileId finishedId = end != null && end.sameStart(current) ? end : current;
      status(finishedId, file.row, true);
      if (out.isEmpty()) {
        // Nothing in it (a header, blank lines): an empty batch would not move the host's
        // offset, so go on with the next file; this one is moved with the next commit.
        finished = append(finished, finishedId);
        listing.removeIf(e -> e.name().equals(finishedId.name()));
        current = null;
        continue;
      }
      boolean more = firstReady(listing, finished, finishedId.name(), now) != null;
      return new Batch(
          out, new FilePosition(finishedId, file.row, true, finished).toOffset(), more);
    }
  }

  /** The finished files that are still in the folder, unchanged: they must not be read again. */
  private List<FileId> stillWaiting(List<FileId> finished, Map<String, DropFolder.Entry> byName)
      throws IOException, ConnectorException {
    List<FileId> waiting = new ArrayList<>(finished.size());
    for (FileId f : finished) {
      DropFolder.Entry e = byName.get(f.name());
      if (e == null) {
        continue; // moved, or removed by someone
      }
      FileId now =
          e.size() == f.size() && e.modified().equals(f.modified()) ? folder.id(e.name()) : null;
      if (f.unchanged(now)) {
        waiting.add(f);
      } else {
        context.log().log(
            Level.WARNING,
            f.name() + " changed after it was read to its end; it is read again as a new file");
      }
    }
    return waiting;
  }

  /** The oldest file that is ready, not finished, and not {@code except}. */
  private DropFolder.Entry firstReady(
      List<DropFolder.Entry> listing, List<FileId> finished, String except, Instant now) {
    for (DropFolder.Entry e : listing) {
      if (e.name().equals(except) || finished.stream().anyMatch(f -> f.name().equals(e.name()))) {
        continue;
      }
      if (folder.ready(e, now)) {
        return e;
      }
    }
    return null;
  }

  private void waiting(List<DropFolder.Entry> listing, List<FileId> finished, Instant now) {
    for (DropFolder.Entry e : listing) {
      if (finished.stream().noneMatch(f -> f.name().equals(e.name())) && !folder.ready(e, now)) {
        context.status("waiting for " + e.name() + " to stop changing (" + s.minAge() + ")");
        return;
      }
    }
    context.status("no new file matching " + s.pattern() + " in " + s.where());
  }

  /** The open file at this position: the one kept from the last poll, or opened and skipped to. */
  private OpenFile openAt(FileId id, long row) throws IOException, ConnectorException {
    if (open != null && open.id.sameStart(id) && open.row == row && folder.usable(open.rows)) {
      return open;
    }
    closeOpen();
    OpenFile file = new OpenFile(id, folder.open(id.name()));
    open = file;
    while (file.row < row) {
      if (file.next() == null) {
        context.log().log(
            Level.WARNING,
            id.name() + " has fewer records than the " + row + " already read; it is done");
        break;
      }
      file.row++;
    }
    file.row = row;
    return file;
  }

  private static List<FileId> append(List<FileId> list, FileId id) {
    List<FileId> more = new ArrayList<>(list);
    more.add(id);
    return more;
  }

  private void status(FileId file, long row, boolean done) {
    context.status(
        String.format(
            Locale.ROOT, "%s: %,d records read%s", file.name(), row, done ? ", done" : ""));
  }

  /**
   * Moves every file the offset says is finished to the done folder. Idempotent: a file that is no
   * longer in the folder was moved already (or removed); one that changed since it was read is a
   * new file and stays.
   */
  @Override
  public synchronized void committed(Offset upTo) throws ConnectorException {
    FilePosition p = FilePosition.of(upTo);
    for (FileId f : p.allFinished()) {
      try {
        FileId now = folder.id(f.name());
        if (now == null) {
          continue;
        }
        if (!f.unchanged(now)) {
          context.log().log(
              Level.WARNING, f.name() + " changed after it was read; it is not moved");
          continue;
        }
        if (open != null && open.id.name().equals(f.name())) {
          closeOpen();
        }
        String target = folder.moveToDone(f.name());
        context.log().log(Level.DEBUG, "moved " + f.name() + " to " + target);
      } catch (NoSuchFileException e) {
        // Gone meanwhile: nothing to move.
      } catch (AccessDeniedException e) {
        throw ConnectorException.configuration(
            "Cannot move "
                + f.name()
                + " to "
                + s.doneWhere()
                + " (permission denied); "
                + folder.reader()
                + " needs write access to both folders");
      } catch (IOException e) {
        throw ConnectorException.unavailable(
            "Could not move " + f.name() + " to " + s.doneWhere() + ": " + describe(e), e);
      }
    }
  }

  private void closeOpen() {
    if (open != null) {
      try {
        open.rows.close();
      } catch (IOException e) {
        context.log().log(Level.DEBUG, "closing " + open.id.name() + ": " + e);
      }
      open = null;
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeOpen();
    folder.close();
  }
}
