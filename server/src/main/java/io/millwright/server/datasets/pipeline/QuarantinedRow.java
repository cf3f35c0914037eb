package io.millwright.server.datasets.pipeline;

import java.util.Map;

/**
 * A row that could not be written, kept with what was wrong so it can be corrected and replayed.
 *
 * @param sourceRow the row's number in the file (1 = first data row)
 * @param rule the first rule it broke: structure, type, not-null, range, pattern, allowed-values,
 *     contract or key
 * @param reason every problem of the row, readable by the person who owns the file
 * @param raw the row as read, by source column name
 */
public record QuarantinedRow(long sourceRow, String rule, String reason, Map<String, String> raw) {}
