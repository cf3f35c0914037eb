package io.millwright.connector.files;

import io.millwright.plugin.api.connector.SourceRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of one file in order: each data row as a record named by the header, or as an
 * unreadable record with its raw text. Blank rows are not records. A file that cannot be read at
 * all (a broken workbook, a bad header) is one unreadable record, so it is quarantined and the
 * folder goes on.
 */
interface Rows extends Closeable {

  /** The next record, or null when the file has no more. */
  SourceRecord next() throws IOException;

  /** A file that is one unreadable record, for a problem with the whole file. */
  static Rows unreadable(String origin, String raw, String problem) {
    return new Rows() {
      private boolean given;

      @Override
      public SourceRecord next() {
        if (given) {
          return null;
        }
        given = true;
        return SourceRecord.unreadable(origin, raw, problem);
      }

      @Override
      public void close() {}
    };
  }

  /** Whether every cell is empty. */
  static boolean blank(List<String> cells) {
    for (String c : cells) {
      if (c != null && !c.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The column names of a header row, trailing empty cells left out; null with the problem in
   * {@code problem[0]} when a name is empty or repeated: rows cannot be named then.
   */
  static List<String> columns(List<String> header, String[] problem) {
    int end = header.size();
    while (end > 0 && (header.get(end - 1) == null || header.get(end - 1).isBlank())) {
      end--;
    }
    List<String> names = new ArrayList<>(end);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < end; i++) {
      String name = header.get(i) == null ? "" : header.get(i).strip();
      if (name.isEmpty()) {
        problem[0] = "the header of column " + (i + 1) + " is empty; every column needs a name";
        return null;
      }
      Integer earlier = seen.putIfAbsent(name, i + 1);
      if (earlier != null) {
        problem[0] =
            "the header '"
                + name
                + "' is in columns "
                + earlier
                + " and "
                + (i + 1)
                + "; column names must be unique";
        return null;
      }
      names.add(name);
    }
    return names;
  }
}
