package io.millwright.metering.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowedUsageCounterTest {

  private static final TenantId ACME = TenantId.parse("00000000-0000-4000-8000-00000000000a");
  private static final TenantId GLOBEX = TenantId.parse("00000000-0000-4000-8000-00000000000b");
  private static final String REQUESTS = "api.requests";
  private static final UsageCategory PLATFORM = UsageCategory.PLATFORM;

  /** 2026-11-29T10:00:00Z, epoch minute 29,932,440. */
  private static final Instant TEN_O_CLOCK = Instant.parse("2026-11-29T10:00:00Z");

  private static final long TEN_O_CLOCK_MINUTE = TEN_O_CLOCK.getEpochSecond() / 60;

  private MutableClock clock;
  private WindowedUsageCounter counter;

  @BeforeEach
  void newCounter() {
    clock = new MutableClock(TEN_O_CLOCK.plusSeconds(5));
    counter = new WindowedUsageCounter("node-1", Duration.ofMinutes(1), clock);
  }

  private void countRequests(TenantId tenant, long delta) {
    counter.increment(tenant, REQUESTS, "request", PLATFORM, delta);
  }

  private static UsageEvent requestsEvent(TenantId tenant, Instant windowStart, long quantity) {
    return new UsageEvent(
        REQUESTS + ":node-1:" + windowStart.getEpochSecond() / 60,
        tenant,
        REQUESTS,
        BigDecimal.valueOf(quantity),
        "request",
        windowStart,
        PLATFORM,
        null,
        Map.of("node", "node-1", "window", "PT1M"));
  }

  @Test
  void sumsAWindowIntoOneEventWithADeterministicId() {
    countRequests(ACME, 1);
    clock.set(TEN_O_CLOCK.plusSeconds(59));
    countRequests(ACME, 4);

    List<UsageEvent> events = counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));

    assertThat(events).containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 5));
    assertThat(events.get(0).eventId()).isEqualTo("api.requests:node-1:" + TEN_O_CLOCK_MINUTE);
    assertThat(events.get(0).eventId()).isEqualTo("api.requests:node-1:29932440");
  }

  @Test
  void handsOutNothingWhileTheWindowIsOpen() {
    countRequests(ACME, 3);

    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(59))).isEmpty();
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusMillis(59_999))).isEmpty();
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 3));
  }

  @Test
  void keepsTenantsMetersAndWindowsApartInAStableOrder() {
    countRequests(GLOBEX, 2);
    countRequests(ACME, 1);
    counter.increment(ACME, "storage.reads", "operation", UsageCategory.STORAGE, 10);
    clock.set(TEN_O_CLOCK.plusSeconds(61));
    countRequests(ACME, 7);

    List<UsageEvent> events = counter.closedWindows(TEN_O_CLOCK.plusSeconds(180));

    assertThat(events)
        .extracting(UsageEvent::tenantId, UsageEvent::eventId, e -> e.quantity().longValue())
        .containsExactly(
            tuple(ACME, "api.requests:node-1:" + TEN_O_CLOCK_MINUTE, 1L),
            tuple(ACME, "storage.reads:node-1:" + TEN_O_CLOCK_MINUTE, 10L),
            tuple(GLOBEX, "api.requests:node-1:" + TEN_O_CLOCK_MINUTE, 2L),
            tuple(ACME, "api.requests:node-1:" + (TEN_O_CLOCK_MINUTE + 1), 7L));
    assertThat(events.get(1).unit()).isEqualTo("operation");
    assertThat(events.get(1).category()).isEqualTo(UsageCategory.STORAGE);
    assertThat(events.get(3).occurredAt()).isEqualTo(TEN_O_CLOCK.plusSeconds(60));
  }

  @Test
  void handsOutTheSameEventsAgainUntilAcknowledged() {
    countRequests(ACME, 3);
    countRequests(GLOBEX, 4);
    List<UsageEvent> firstTry = counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));

    // The flush failed: nothing acknowledged. The next try must produce equal events, ids included.
    List<UsageEvent> secondTry = counter.closedWindows(TEN_O_CLOCK.plusSeconds(120));

    assertThat(secondTry).isEqualTo(firstTry).hasSize(2);
  }

  @Test
  void acknowledgedWindowsAreNotHandedOutAgain() {
    countRequests(ACME, 3);
    countRequests(GLOBEX, 4);
    List<UsageEvent> events = counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));

    assertThat(counter.acknowledge(events.subList(0, 1))).isEqualTo(1);
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)))
        .containsExactly(requestsEvent(GLOBEX, TEN_O_CLOCK, 4));

    assertThat(counter.acknowledge(events)).isEqualTo(1);
    assertThat(counter.acknowledge(events)).isZero();
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(600))).isEmpty();
  }

  @Test
  void anIncrementAfterItsWindowClosedCountsInTheFirstOpenWindow() {
    countRequests(ACME, 3);
    List<UsageEvent> handedOut = counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));

    // The counter's clock is still inside the closed window (a slow thread, or clock skew).
    countRequests(ACME, 2);

    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60))).isEqualTo(handedOut);
    assertThat(counter.acknowledge(handedOut)).isEqualTo(1);
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(120)))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK.plusSeconds(60), 2));
  }

  @Test
  void anIncrementAfterItsWindowWasAcknowledgedDoesNotReuseItsId() {
    countRequests(ACME, 3);
    counter.acknowledge(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)));

    countRequests(ACME, 1);

    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(120)))
        .extracting(UsageEvent::eventId)
        .containsExactly("api.requests:node-1:" + (TEN_O_CLOCK_MINUTE + 1));
  }

  @Test
  void closingIsPermanentEvenIfTimeSeemsToGoBack() {
    countRequests(ACME, 3);
    counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));

    assertThat(counter.closedWindows(TEN_O_CLOCK))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 3));
    countRequests(ACME, 1);
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 3));
  }

  @Test
  void closingAheadFlushesTheCurrentWindowForAShutdown() {
    countRequests(ACME, 3);

    assertThat(counter.closedWindows(clock.instant().plus(counter.window())))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 3));
  }

  @Test
  void usesConfiguredWindowsAlignedToTheEpoch() {
    WindowedUsageCounter fiveMinutes =
        new WindowedUsageCounter("node-2", Duration.ofMinutes(5), clock);
    clock.set(TEN_O_CLOCK.plusSeconds(4 * 60 + 59));
    fiveMinutes.increment(ACME, REQUESTS, "request", PLATFORM, 1);
    clock.set(TEN_O_CLOCK.plusSeconds(5 * 60));
    fiveMinutes.increment(ACME, REQUESTS, "request", PLATFORM, 1);

    assertThat(fiveMinutes.closedWindows(TEN_O_CLOCK.plusSeconds(5 * 60 + 30)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventId()).isEqualTo("api.requests:node-2:" + TEN_O_CLOCK_MINUTE);
              assertThat(e.occurredAt()).isEqualTo(TEN_O_CLOCK);
              assertThat(e.quantity()).isEqualTo(BigDecimal.ONE);
              assertThat(e.tags()).containsEntry("window", "PT5M");
            });
    assertThat(fiveMinutes.closedWindows(TEN_O_CLOCK.plusSeconds(10 * 60)))
        .extracting(UsageEvent::eventId)
        .containsExactly(
            "api.requests:node-2:" + TEN_O_CLOCK_MINUTE,
            "api.requests:node-2:" + (TEN_O_CLOCK_MINUTE + 5));
  }

  @Test
  void aZeroDeltaCreatesNoEvent() {
    countRequests(ACME, 0);

    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(600))).isEmpty();
  }

  @Test
  void rejectsInvalidIncrements() {
    assertThatThrownBy(() -> countRequests(ACME, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delta must be >= 0, was -1");
    assertThatThrownBy(() -> countRequests(null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant is required");
    assertThatThrownBy(() -> counter.increment(ACME, "Bad Meter", "request", PLATFORM, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("meter 'Bad Meter' must match");
    assertThatThrownBy(() -> counter.increment(ACME, "m", " ", PLATFORM, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit must not be blank");
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(600))).isEmpty();
  }

  @Test
  void aMeterKeepsTheUnitAndCategoryItWasFirstCountedWith() {
    countRequests(ACME, 1);

    assertThatThrownBy(() -> counter.increment(GLOBEX, REQUESTS, "call", PLATFORM, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meter api.requests is counted in request (PLATFORM), not in call (PLATFORM)");
    assertThatThrownBy(
            () -> counter.increment(ACME, REQUESTS, "request", UsageCategory.INFERENCE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "meter api.requests is counted in request (PLATFORM), not in request (INFERENCE)");
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)))
        .containsExactly(requestsEvent(ACME, TEN_O_CLOCK, 1));
  }

  @Test
  void acknowledgeIgnoresEventsItDidNotHandOut() {
    countRequests(ACME, 3);
    counter.closedWindows(TEN_O_CLOCK.plusSeconds(60));
    UsageEvent otherNode =
        new UsageEvent(
            REQUESTS + ":node-9:" + TEN_O_CLOCK_MINUTE,
            ACME,
            REQUESTS,
            BigDecimal.valueOf(3),
            "request",
            TEN_O_CLOCK,
            PLATFORM,
            null,
            null);
    UsageEvent openWindow = requestsEvent(ACME, TEN_O_CLOCK.plusSeconds(60), 3);

    assertThat(counter.acknowledge(List.of(otherNode, openWindow))).isZero();
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60))).hasSize(1);
  }

  @Test
  void acknowledgeRefusesAnEventWhoseQuantityWasChanged() {
    countRequests(ACME, 3);
    UsageEvent handedOut = counter.closedWindows(TEN_O_CLOCK.plusSeconds(60)).get(0);

    assertThatThrownBy(() -> counter.acknowledge(List.of(handedOut.withQuantity(BigDecimal.TEN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has quantity 10 but its window counted 3");
    assertThatThrownBy(
            () ->
                counter.acknowledge(
                    List.of(handedOut, handedOut.withQuantity(new BigDecimal("3.5")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has quantity 3.5 but its window counted 3");
    // A refused call releases nothing, not even the valid events before the bad one.
    assertThat(counter.closedWindows(TEN_O_CLOCK.plusSeconds(60))).containsExactly(handedOut);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT0S", "PT30S", "PT1M30S", "PT7M", "-PT1M", "PT25H"})
  void rejectsWindowsThatAreNotWholeMinutesDividingADay(String window) {
    assertThatThrownBy(() -> new WindowedUsageCounter("n", Duration.parse(window), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a whole number of minutes that divides a day");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1M", "PT5M", "PT15M", "PT1H", "PT24H"})
  void acceptsWindowsThatAreWholeMinutesDividingADay(String window) {
    assertThat(new WindowedUsageCounter("n", Duration.parse(window), clock).window())
        .isEqualTo(Duration.parse(window));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "node:1", "node 1", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"})
  void rejectsNodeIdsThatWouldBreakEventIds(String nodeId) {
    assertThatThrownBy(() -> new WindowedUsageCounter(nodeId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("nodeId '");
  }

  @Test
  void theLongestIdsStillFitTheLedger() {
    WindowedUsageCounter longNode =
        new WindowedUsageCounter("n".repeat(32), Duration.ofMinutes(1), clock);
    clock.set(Instant.parse("9999-12-31T23:59:00Z"));
    longNode.increment(ACME, "m".repeat(64), "u", PLATFORM, 1);

    assertThat(longNode.closedWindows(Instant.parse("9999-12-31T23:59:00Z").plusSeconds(60)))
        .singleElement()
        .satisfies(e -> assertThat(e.eventId()).hasSizeLessThanOrEqualTo(128));
  }
}
