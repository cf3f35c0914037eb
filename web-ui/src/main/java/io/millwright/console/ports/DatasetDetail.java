package io.millwright.console.ports;

import java.time.Instant;
import java.util.List;

/** One dataset: its contract (columns, key, partitioning) and where it stands. */
public record DatasetDetail(
    String name,
    String description,
    String owner,
    List<DatasetColumn> columns,
    List<String> primaryKey,
    List<String> partitioning,
    Long currentVersion,
    long rows,
    long openQuarantine,
    Instant createdAt,
    String createdBy) {}
