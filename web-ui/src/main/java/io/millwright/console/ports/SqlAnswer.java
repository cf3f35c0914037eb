package io.millwright.console.ports;

import java.util.List;
import java.util.Map;

/**
 * What a query returned, as text, and what it cost.
 *
 * @param types DuckDB's type name per column, lower case ({@code bigint}, {@code decimal(18,3)},
 *     {@code varchar}, ...)
 * @param rows values as text in column order (null for SQL NULL); numbers in plain notation
 * @param truncated true when the query had more rows than were asked for
 * @param versions each dataset the query read and the version it read (null while it has none)
 * @param bytesScanned the bytes of dataset files the query read, as metered
 * @param piiMasked true when a dataset read has PII columns and they were masked for this reader
 */
public record SqlAnswer(
    List<String> columns,
    List<String> types,
    List<List<String>> rows,
    boolean truncated,
    Map<String, Long> versions,
    long bytesScanned,
    long elapsedMs,
    boolean piiMasked) {}
