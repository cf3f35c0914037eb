package io.millwright.console.ports;

import java.time.Instant;

/** A tenant in the platform admin's list. */
public record TenantRow(String slug, String name, String plan, String status, Instant createdAt) {}
