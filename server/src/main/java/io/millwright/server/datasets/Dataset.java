package io.millwright.server.datasets;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.UUID;

/** A dataset's catalog entry: its contract and where its Iceberg table's metadata is. */
public record Dataset(
    TenantId tenant,
    UUID id,
    String name,
    String owner,
    DatasetContract contract,
    String metadataLocation,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version) {}
