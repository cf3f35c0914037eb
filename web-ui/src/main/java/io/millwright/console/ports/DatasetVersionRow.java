package io.millwright.console.ports;

import java.time.Instant;

/** One version of a dataset with where it came from and what the write did. */
public record DatasetVersionRow(
    long id,
    Instant committedAt,
    String source,
    String actor,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    long totalRows,
    boolean current) {}
