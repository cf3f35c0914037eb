package io.millwright.server.datasets.pipeline;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;

/**
 * What a pass over a file produced, ready to commit as one snapshot: the data files written, the
 * rows kept back, and the counts (read = written + quarantined + deduplicated, always).
 */
public record WriteOutcome(
    List<DataFile> files,
    List<QuarantinedRow> quarantined,
    long rowsRead,
    long rowsWritten,
    long rowsDeduplicated,
    long blankLines,
    long bytesRead,
    Map<String, Long> failuresByRule) {

  public long rowsQuarantined() {
    return quarantined.size();
  }

  public long bytesWritten() {
    return files.stream().mapToLong(DataFile::fileSizeInBytes).sum();
  }
}
