package io.millwright.server.audit;

import java.time.Instant;

/**
 * Filters for reading a chain. Null members do not filter.
 *
 * @param actor exact actor name
 * @param action exact action, or a prefix ending in {@code .*} (e.g. {@code member.*})
 * @param outcome SUCCESS, DENIED or FAILURE
 * @param from inclusive lower bound on time
 * @param to exclusive upper bound on time
 */
public record AuditQuery(String actor, String action, String outcome, Instant from, Instant to) {}
