package io.millwright.server.connections;

import java.time.Instant;
import java.util.UUID;

/** One run of a connection with its counts; see table connection_run. */
public record ConnectionRun(
    UUID id,
    UUID connectionId,
    String trigger,
    String status,
    long recordsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    int commits,
    String offsetFrom,
    String offsetTo,
    String error,
    String nodeId,
    Instant startedAt,
    Instant finishedAt) {}
