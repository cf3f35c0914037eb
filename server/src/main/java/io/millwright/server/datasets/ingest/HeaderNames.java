package io.millwright.server.datasets.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a header row. Empty or repeated names make every later mapping ambiguous, so they stop the
 * upload with a message that points at the column instead of being renamed silently.
 */
final class HeaderNames {

  private HeaderNames() {}

  static List<String> validated(List<String> raw) throws MalformedSourceException {
    List<String> names = new ArrayList<>(raw.size());
    Map<String, Integer> firstSeen = new HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      String name = raw.get(i) == null ? "" : raw.get(i).trim();
      int column = i + 1;
      if (name.isEmpty()) {
        throw new MalformedSourceException(
            "the header of column " + column + " is empty; every column needs a name");
      }
      Integer earlier = firstSeen.putIfAbsent(name, column);
      if (earlier != null) {
        throw new MalformedSourceException(
            "the header '"
                + name
                + "' appears in columns "
                + earlier
                + " and "
                + column
                + "; column names must be unique");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  static boolean isBlank(List<String> cells) {
    for (String cell : cells) {
      if (cell != null && !cell.isBlank()) {
        return false;
      }
    }
    return true;
  }

  static String raggedProblem(int cells, int columns) {
    return "row has " + cells + " cells but the header has " + columns;
  }
}
