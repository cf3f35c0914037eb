package io.millwright.console.ports;

/**
 * Something about a dataset that needs a person's attention.
 *
 * @param kind {@code stale} (no new version within the freshness expectation), {@code volume-jump}
 *     or {@code volume-drop} (the last upload far from the usual)
 * @param message what is wrong, in words
 */
public record DatasetAlert(String kind, String message) {}
