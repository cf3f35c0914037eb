package io.millwright.server.security;

import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces each tenant's API request quota ({@code apiRequestsPerMinute}) in fixed one-minute
 * windows, so one tenant cannot starve the others. Counts are per server node: with several nodes
 * behind a balancer a tenant gets up to the quota on each. Thread-safe and allocation-light: one
 * small record per tenant and minute.
 */
@ApplicationScoped
public class TenantRateLimiter {

  private record Window(long minute, int used) {}

  private final ConcurrentHashMap<TenantId, Window> windows = new ConcurrentHashMap<>();
  private final Clock clock;

  public TenantRateLimiter() {
    this(Clock.systemUTC());
  }

  TenantRateLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes one request from the tenant's quota for the current minute.
   *
   * @return 0 when allowed, otherwise the seconds until the next minute begins
   */
  public long acquire(TenantId tenant, int perMinute) {
    long now = clock.millis();
    long minute = now / 60_000;
    Window after =
        windows.compute(
            tenant,
            (t, w) ->
                w == null || w.minute() != minute
                    ? new Window(minute, 1)
                    : new Window(minute, w.used() + 1));
    if (after.used() <= perMinute) {
      return 0;
    }
    return Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
  }
}
