package io.millwright.console.ports;

import java.time.Instant;

/** One audit entry as people read it. */
public record AuditRow(
    long seq,
    Instant time,
    String actor,
    String action,
    String target,
    String outcome,
    String details,
    String requestId,
    String sourceAddress) {}
