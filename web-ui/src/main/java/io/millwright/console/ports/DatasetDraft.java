package io.millwright.console.ports;

import java.util.List;

/**
 * A new dataset as a person declares it; the platform validates it and names every bad field.
 *
 * @param partitioning e.g. {@code day(read_at)} or {@code site}; empty for none
 */
public record DatasetDraft(
    String name,
    String description,
    List<ColumnDraft> columns,
    List<String> primaryKey,
    List<String> partitioning) {}
