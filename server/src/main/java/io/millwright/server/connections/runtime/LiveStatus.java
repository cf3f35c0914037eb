package io.millwright.server.connections.runtime;

import java.time.Instant;
import java.util.UUID;

/**
 * What a connection is doing right now on this node.
 *
 * @param state {@code idle}, {@code running}, {@code retrying}, {@code streaming}, {@code
 *     waiting-for-plugin} (its connector is not loaded) or {@code stopped}
 * @param statusLine the connector's own last words on what it does ("page 12 of orders")
 */
public record LiveStatus(
    String state,
    String statusLine,
    String lastError,
    Instant lastRunAt,
    UUID runId,
    long recordsThisRun) {

  public static final LiveStatus STOPPED = new LiveStatus("stopped", null, null, null, null, 0);
}
