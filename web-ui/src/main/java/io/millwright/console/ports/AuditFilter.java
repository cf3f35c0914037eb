package io.millwright.console.ports;

import java.time.Instant;

/** Narrows an audit listing; null members do not filter. {@code to} is exclusive. */
public record AuditFilter(String actor, String action, Instant from, Instant to) {

  public static AuditFilter none() {
    return new AuditFilter(null, null, null, null);
  }
}
