package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where reading stands, as the offset keeps it: the file being read (or just finished), how many of
 * its records were handed out, and the files finished before it that may still wait in the folder
 * for {@code committed} to move them. For example:
 *
 * <pre>{"file":"orders-0301.csv","size":52311,"modified":"2024-03-01T10:00:02.123456789Z",
 * "sha256":"9f86d0...","row":500,"done":false,"finished":[]}</pre>
 *
 * <p>{@code {}} is the start. {@code done} means every row of {@code file} was handed out: the next
 * poll goes on with the next file, and {@code committed} moves this one to the done folder.
 *
 * @param file null at the start
 * @param row records of the file handed out so far (data rows, readable or not; blank rows are not
 *     records)
 * @param finished read completely before {@code file}; each stays listed until it is gone from the
 *     folder, so a file whose move did not happen is never read twice
 */
record FilePosition(FileId file, long row, boolean done, List<FileId> finished) {

  static final FilePosition START = new FilePosition(null, 0, false, List.of());

  FilePosition {
    finished = List.copyOf(finished);
  }

  /** Every finished file, this one included when it is done. */
  List<FileId> allFinished() {
    if (file == null || !done) {
      return finished;
    }
    List<FileId> all = new ArrayList<>(finished);
    all.add(file);
    return all;
  }

  Offset toOffset() {
    return new Offset(json());
  }

  /**
   * Whether this position can be kept as an offset, with room for the row count to grow and the
   * file to be marked done.
   */
  boolean fits() {
    return json().length() + 32 <= Offset.MAX_LENGTH;
  }

  private String json() {
    StringBuilder sb = new StringBuilder(256);
    sb.append('{');
    if (file != null) {
      file.appendJson(sb);
      sb.append(",\"row\":").append(row).append(",\"done\":").append(done).append(',');
    }
    sb.append("\"finished\":[");
    for (int i = 0; i < finished.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('{');
      finished.get(i).appendJson(sb);
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  static FilePosition of(Offset offset) throws ConnectorException {
    if (offset == null) {
      return START;
    }
    try {
      if (!(Json.parse(offset.value()) instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("not a JSON object");
      }
      FileId file = FileId.fromJson(map);
      long row = map.get("row") instanceof String r ? Long.parseLong(r) : 0;
      boolean done = "true".equals(map.get("done"));
      List<FileId> finished = new ArrayList<>();
      if (map.get("finished") instanceof List<?> list) {
        for (Object o : list) {
          if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("a finished file that is not an object");
          }
          finished.add(FileId.fromJson(m));
        }
      }
      if (row < 0) {
        throw new IllegalArgumentException("a negative row");
      }
      return new FilePosition(file, row, done, finished);
    } catch (RuntimeException e) {
      throw ConnectorException.configuration(
          "The saved offset is not one this connector wrote ("
              + e.getMessage()
              + "); reset the connection's offset to read the folder from the start");
    }
  }
}
