package io.millwright.server.datasets.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;

/**
 * The files under a table's location that no version refers to: what an upload cut off by a crash
 * (or a failed commit) left behind. Reachable are every version's data and delete files, manifests
 * and manifest lists, the metadata files in the log, and statistics files. Only files older than a
 * safety age count, so the files of a write still in progress are never taken.
 *
 * <p>Deleting a file that is referenced would lose data, so the answer is refused (empty) when the
 * listing and the table disagree: a file the current version needs that the listing lacks means the
 * two name files differently, or a file is missing, and nothing is deleted.
 */
public final class OrphanFiles {

  /** A file as listed: its location and when it was written. */
  public record Listed(String location, Instant modified) {}

  /** The orphans found, or why none may be deleted. */
  public record Found(List<String> orphans, String refusal) {}

  private OrphanFiles() {}

  public static Found find(Table table, List<Listed> listed, Instant olderThan) {
    Set<String> reachable = reachable(table);
    Set<String> present = new HashSet<>();
    listed.forEach(f -> present.add(f.location()));
    for (String needed : current(table)) {
      if (!present.contains(needed)) {
        return new Found(
            List.of(), "the current version's file " + needed + " is not among the listed files");
      }
    }
    List<String> orphans = new ArrayList<>();
    for (Listed f : listed) {
      if (f.modified().isBefore(olderThan) && !reachable.contains(f.location())) {
        orphans.add(f.location());
      }
    }
    return new Found(orphans, null);
  }

  private static Set<String> reachable(Table table) {
    FileIO io = table.io();
    Set<String> out = new HashSet<>();
    out.addAll(ReachableFileUtil.metadataFileLocations(table, true));
    out.addAll(ReachableFileUtil.statisticsFilesLocations(table));
    String hint = ReachableFileUtil.versionHintLocation(table);
    if (hint != null) {
      out.add(hint);
    }
    Map<Integer, PartitionSpec> specs = table.specs();
    Set<String> manifestsSeen = new HashSet<>();
    for (Snapshot s : table.snapshots()) {
      if (s.manifestListLocation() != null) {
        out.add(s.manifestListLocation());
      }
      for (ManifestFile m : s.allManifests(io)) {
        if (!manifestsSeen.add(m.path())) {
          continue;
        }
        out.add(m.path());
        out.addAll(entries(m, io, specs));
      }
    }
    return out;
  }

  /** The data and delete files of the current version: what a reader needs today. */
  private static Set<String> current(Table table) {
    Set<String> out = new HashSet<>();
    Snapshot s = table.currentSnapshot();
    if (s == null) {
      return out;
    }
    for (ManifestFile m : s.allManifests(table.io())) {
      out.addAll(entries(m, table.io(), table.specs()));
    }
    return out;
  }

  private static List<String> entries(
      ManifestFile m, FileIO io, Map<Integer, PartitionSpec> specs) {
    List<String> out = new ArrayList<>();
    try (CloseableIterable<? extends ContentFile<?>> files =
        m.content() == org.apache.iceberg.ManifestContent.DATA
            ? ManifestFiles.read(m, io, specs)
            : ManifestFiles.readDeleteManifest(m, io, specs)) {
      for (ContentFile<?> f : files) {
        out.add(f.location());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
