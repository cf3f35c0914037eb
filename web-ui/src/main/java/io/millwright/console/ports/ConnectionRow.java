package io.millwright.console.ports;

/**
 * One connection in a tenant's list.
 *
 * @param connector the connector's id, e.g. {@code jdbc}
 * @param schedule e.g. {@code every PT15M}, {@code manual}, {@code stream} or {@code push}
 * @param state {@code active} or {@code paused}
 * @param pausedReason why it is paused (by whom, or after which failures); null when active
 * @param consecutiveFailures failed runs in a row since the last success
 * @param lastRun its newest run, or null before the first
 */
public record ConnectionRow(
    String name,
    String connector,
    String dataset,
    String schedule,
    String state,
    String pausedReason,
    int consecutiveFailures,
    ConnectionLive live,
    ConnectionRunRow lastRun) {}
