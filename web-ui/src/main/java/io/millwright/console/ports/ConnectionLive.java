package io.millwright.console.ports;

import java.time.Instant;

/**
 * What a connection is doing right now.
 *
 * @param state {@code idle}, {@code running}, {@code retrying}, {@code streaming}, {@code failed},
 *     {@code paused}, {@code waiting-for-plugin} (its connector is not loaded) or {@code stopped}
 * @param statusLine the connector's own last words on what it does ("page 12 of orders"), or null
 * @param lastError why the last attempt failed, or null
 * @param recordsThisRun records read by the run in progress
 */
public record ConnectionLive(
    String state, String statusLine, String lastError, Instant lastRunAt, long recordsThisRun) {

  public boolean running() {
    return "running".equals(state) || "retrying".equals(state);
  }
}
