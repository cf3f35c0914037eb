package io.millwright.server.datasets;

/** The counts every upload ends with, whether committed or rejected. */
public record UploadCounts(
    long bytesRead,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    long blankLines,
    Long snapshotId,
    String problem) {}
