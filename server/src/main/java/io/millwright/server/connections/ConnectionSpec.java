package io.millwright.server.connections;

import java.util.Map;

/**
 * A connection as a person declares it (request body). {@link Connections} validates it against the
 * connector's descriptor.
 *
 * @param connector the connector id, e.g. {@code jdbc}
 * @param dataset the name of the dataset the records go into
 * @param config option values; secret ones may be left out of an update to keep the stored value
 * @param schedule {@code every 5m} (or an ISO duration), {@code manual}, {@code stream} or {@code
 *     push}
 * @param writeMode {@code append} (default) or {@code replace} (every run is a full refresh)
 * @param batchRecords records per commit (polls ask for this many at a time)
 * @param batchWait for streams, the longest a record waits before its batch is committed
 */
public record ConnectionSpec(
    String name,
    String description,
    String connector,
    String dataset,
    Map<String, String> config,
    String schedule,
    String writeMode,
    Integer batchRecords,
    String batchWait) {}
