package io.millwright.console.views.connections;

import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionLive;
import io.millwright.console.ports.ConnectionRow;

/**
 * The one word a connection's badge says, the same on the list and on its page: paused (by a
 * person, or by the platform after repeated failures), failing (active, but its last attempts
 * failed or it is retrying), or active.
 */
final class ConnectionStates {

  private ConnectionStates() {}

  /**
   * @param key for tests and styles: {@code active}, {@code paused} or {@code failing}
   * @param theme the Lumo badge theme
   */
  record Badge(String key, String label, String theme) {}

  static final Badge ACTIVE = new Badge("active", "Active", "badge success");
  static final Badge PAUSED = new Badge("paused", "Paused", "badge contrast");
  static final Badge FAILING = new Badge("failing", "Failing", "badge error");

  static Badge of(String state, int consecutiveFailures, ConnectionLive live) {
    if (!"active".equals(state)) {
      return PAUSED;
    }
    String now = live == null ? null : live.state();
    if (consecutiveFailures > 0 || "failed".equals(now) || "retrying".equals(now)) {
      return FAILING;
    }
    return ACTIVE;
  }

  static Badge of(ConnectionRow row) {
    return of(row.state(), row.consecutiveFailures(), row.live());
  }

  static Badge of(ConnectionDetail detail) {
    return of(detail.state(), detail.consecutiveFailures(), detail.live());
  }
}
