package io.millwright.console.ports;

/**
 * A transform as a person declares it in the console; the platform checks it and names every bad
 * field.
 *
 * @param name kept when a transform is changed
 * @param target the name of the dataset the result is written to
 * @param query a SELECT over the tenant's datasets (DuckDB dialect)
 * @param schedule {@code manual}, {@code every 15m}, {@code every 1h} or {@code cron 0 6 * * 1-5
 *     Europe/Berlin}; blank for manual
 */
public record TransformDraft(
    String name, String description, String query, String target, String schedule) {}
