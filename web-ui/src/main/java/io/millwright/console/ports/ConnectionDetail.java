package io.millwright.console.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One connection as its page shows it. Secret values are never here: only which are set.
 *
 * @param writeMode {@code append}, or {@code replace} (every run a full refresh)
 * @param batchRecords records per commit
 * @param batchWait for streams, the longest a record waits for its batch, e.g. {@code PT2S}
 * @param state {@code active} or {@code paused}
 * @param config the option values that are not secret, by option name
 * @param secretsSet the names of secret options that have a stored value
 * @param committedOffset where the source was read up to in the last committed version; null before
 *     the first
 * @param committedVersion the dataset version of that commit, or null
 * @param pushPath for a push connection, the path its senders deliver to ({@code
 *     /api/push/{slug}/{id}}); null otherwise
 */
public record ConnectionDetail(
    String name,
    String description,
    String connector,
    String dataset,
    String schedule,
    String writeMode,
    int batchRecords,
    String batchWait,
    String state,
    String pausedReason,
    int consecutiveFailures,
    Map<String, String> config,
    Set<String> secretsSet,
    String committedOffset,
    Long committedVersion,
    Instant committedAt,
    ConnectionLive live,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String pushPath) {

  public boolean active() {
    return "active".equals(state);
  }
}
