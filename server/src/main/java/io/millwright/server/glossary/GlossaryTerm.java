package io.millwright.server.glossary;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.List;

/** One agreed definition in a tenant's glossary. */
public record GlossaryTerm(
    TenantId tenant,
    String term,
    String definition,
    DataType dataType,
    String unit,
    List<String> allowedValues,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version) {}
