package io.millwright.server.connections;

import io.millwright.tenancy.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's configured connection, as stored. Secret option values are not in here: they stay
 * sealed until the runtime opens them for the connector.
 *
 * @param config the option values that are not secret
 * @param secretsSet the names of secret options that have a stored value
 * @param committedOffset where the source was read up to in the last committed version; null before
 *     the first
 */
public record Connection(
    TenantId tenant,
    UUID id,
    String name,
    String description,
    String connectorId,
    UUID datasetId,
    String datasetName,
    Map<String, String> config,
    Set<String> secretsSet,
    Schedule schedule,
    boolean replace,
    int batchRecords,
    Duration batchWait,
    boolean active,
    String pausedReason,
    int consecutiveFailures,
    String committedOffset,
    Long committedSnapshot,
    Instant committedAt,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version) {}
