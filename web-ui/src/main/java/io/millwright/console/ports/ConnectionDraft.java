package io.millwright.console.ports;

import java.util.Map;

/**
 * A connection as a person declares it in the console; the platform checks it against the
 * connector's options and names every bad field.
 *
 * @param connector the connector's id, e.g. {@code jdbc}
 * @param dataset the name of the dataset the records go into
 * @param config option values by name; a secret left out of an update keeps its stored value
 * @param schedule {@code every 15m}, {@code manual}, {@code stream} or {@code push}
 * @param writeMode {@code append}, {@code replace}, or null for append
 * @param batchRecords records per commit, or null for the platform's default
 * @param batchWait for streams, e.g. {@code 2s}, or null for the default
 */
public record ConnectionDraft(
    String name,
    String description,
    String connector,
    String dataset,
    Map<String, String> config,
    String schedule,
    String writeMode,
    Integer batchRecords,
    String batchWait) {}
