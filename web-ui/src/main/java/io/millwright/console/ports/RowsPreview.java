package io.millwright.console.ports;

import java.util.List;
import java.util.Map;

/**
 * The first rows of one version of a dataset, as the reader may see them.
 *
 * @param version the version shown, null when the dataset has none yet
 * @param rows values as text by column name (null for a missing value)
 * @param maskedColumns the PII columns whose values were masked for this reader
 */
public record RowsPreview(
    Long version,
    List<String> columns,
    List<Map<String, String>> rows,
    long totalRows,
    List<String> maskedColumns) {}
