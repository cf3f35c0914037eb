package io.millwright.server.datasets.query;

import java.util.List;

/**
 * What a query returned.
 *
 * @param truncated true when the query had more rows than were returned
 */
public record QueryResult(
    List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {}
