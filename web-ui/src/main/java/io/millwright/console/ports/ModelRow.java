package io.millwright.console.ports;

import java.time.Instant;

/**
 * One model in a tenant's registry.
 *
 * @param latestVersion its newest version's number
 * @param champion the version that serves, or null before the first promotion
 * @param challenger the newest version that beat the naive baseline, or null
 */
public record ModelRow(
    String name,
    String task,
    int latestVersion,
    Integer champion,
    Integer challenger,
    Instant createdAt,
    String createdBy) {}
