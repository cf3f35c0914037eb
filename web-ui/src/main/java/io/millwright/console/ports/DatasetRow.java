package io.millwright.console.ports;

import java.time.Instant;

/**
 * One dataset in a tenant's list.
 *
 * @param currentVersion the id of the current version, null before the first write
 */
public record DatasetRow(
    String name, String description, long rows, Long currentVersion, Instant updatedAt) {}
