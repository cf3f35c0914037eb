package io.millwright.console.ports;

import java.time.Instant;
import java.util.List;

/**
 * One dataset in a tenant's list.
 *
 * @param currentVersion the id of the current version, null before the first write
 * @param alerts what needs attention now (stale, unusual volume); empty when all is well
 */
public record DatasetRow(
    String name,
    String description,
    long rows,
    Long currentVersion,
    Instant updatedAt,
    List<DatasetAlert> alerts) {}
