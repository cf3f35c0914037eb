package io.millwright.console.ports;

import java.time.Instant;

/**
 * One attempt to write a file into a dataset.
 *
 * @param status running, committed, rejected or interrupted
 * @param problem why it was rejected, or null
 */
public record UploadRow(
    String id,
    String fileName,
    String status,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    String problem,
    Instant startedAt,
    String startedBy) {}
