package io.millwright.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TenantRateLimiterTest {

  private Instant now = Instant.parse("2026-11-29T10:00:15Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final TenantRateLimiter limiter = new TenantRateLimiter(clock);

  @Test
  void allowsTheQuotaThenSaysWhenTheMinuteEnds() {
    TenantId tenant = TenantId.random();
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire(tenant, 3)).isZero();
    }
    assertThat(limiter.acquire(tenant, 3)).isEqualTo(45);
    now = Instant.parse("2026-11-29T10:01:00Z");
    assertThat(limiter.acquire(tenant, 3)).isZero();
  }

  @Test
  void tenantsDoNotShareAQuota() {
    TenantId a = TenantId.random();
    TenantId b = TenantId.random();
    assertThat(limiter.acquire(a, 1)).isZero();
    assertThat(limiter.acquire(a, 1)).isPositive();
    assertThat(limiter.acquire(b, 1)).isZero();
  }
}
