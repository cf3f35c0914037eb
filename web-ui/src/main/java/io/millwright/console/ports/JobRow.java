package io.millwright.console.ports;

import java.time.Instant;

/**
 * A running or queued job of the tenant.
 *
 * @param queuePosition its place in the platform's fair-share queue (1 = next); 0 when running
 * @param waitingReason why a queued job waits, in the platform's words; null when running
 */
public record JobRow(
    String runId,
    String model,
    String modelType,
    String status,
    int queuePosition,
    String waitingReason,
    String device,
    String node,
    Instant queuedAt,
    Instant startedAt) {}
