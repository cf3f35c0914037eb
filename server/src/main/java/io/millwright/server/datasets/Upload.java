package io.millwright.server.datasets;

import java.time.Instant;
import java.util.UUID;

/** One attempt to write a file into a dataset, with its counts. */
public record Upload(
    UUID id,
    UUID datasetId,
    String idempotencyKey,
    String source,
    String fileName,
    String status,
    long bytesRead,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    long blankLines,
    Long snapshotId,
    String problem,
    Instant startedAt,
    String startedBy,
    Instant finishedAt) {

  public boolean finished() {
    return !status.equals("running");
  }
}
