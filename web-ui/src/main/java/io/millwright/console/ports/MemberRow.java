package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.time.Instant;
import java.util.Set;

/** A member of a tenant. */
public record MemberRow(
    String userId, String email, Set<TenantRole> roles, Instant addedAt, String addedBy) {}
