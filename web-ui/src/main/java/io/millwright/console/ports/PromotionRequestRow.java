package io.millwright.console.ports;

import java.time.Instant;

/**
 * A promotion that waits for (or got) a second person's approval.
 *
 * @param status {@code pending}, {@code approved} or {@code rejected}
 * @param mine whether the signed-in person asked for it: they may not approve it themselves
 */
public record PromotionRequestRow(
    String id,
    int version,
    String reason,
    String requestedBy,
    Instant requestedAt,
    String status,
    String decidedBy,
    Instant decidedAt,
    String note,
    boolean mine) {

  public boolean pending() {
    return status.equals("pending");
  }
}
