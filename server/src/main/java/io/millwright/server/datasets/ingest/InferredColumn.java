package io.millwright.server.datasets.ingest;

import io.millwright.server.glossary.DataType;

/**
 * What the sample says about one column.
 *
 * @param sourceName the header as found in the file
 * @param name a safe column name: lowercase snake_case matching {@code [a-z][a-z0-9_]{0,62}},
 *     unique within the table
 * @param type the narrowest type every non-null sample value parses as
 * @param unit canonical unit symbol (see {@link Units#canonical}), or null
 * @param nullable whether any sample value was missing
 * @param nullRate missing values / sample rows, 0 when the sample has no rows
 */
public record InferredColumn(
    String sourceName,
    String name,
    DataType type,
    String unit,
    boolean nullable,
    double nullRate) {}
