package io.millwright.console.ports;

import io.millwright.tenancy.Quotas;
import java.time.Instant;
import java.util.List;

/** Everything the platform admin sees of one tenant. */
public record TenantDetail(
    String slug,
    String name,
    String plan,
    String status,
    String adminEmail,
    Quotas quotas,
    long memberCount,
    List<MemberRow> members,
    Instant createdAt,
    Instant purgeAfter,
    List<UsageRow> usageThisMonth) {}
