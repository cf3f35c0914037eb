package io.millwright.server.audit;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** One stored link of a tenant's audit chain. */
public record AuditEntry(
    TenantId tenant,
    long seq,
    UUID id,
    Instant occurredAt,
    String actor,
    String actorType,
    String action,
    String target,
    String outcome,
    String requestId,
    String sourceAddress,
    String details,
    byte[] prevHash,
    byte[] hash) {}
