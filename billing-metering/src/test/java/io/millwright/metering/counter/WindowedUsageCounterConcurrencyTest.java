package io.millwright.metering.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many threads counting while another flushes: nothing lost, nothing counted twice. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WindowedUsageCounterConcurrencyTest {

  private static final List<TenantId> TENANTS =
      List.of(
          TenantId.parse("00000000-0000-4000-8000-000000000001"),
          TenantId.parse("00000000-0000-4000-8000-000000000002"),
          TenantId.parse("00000000-0000-4000-8000-000000000003"));
  private static final List<String> METERS = List.of("api.requests", "api.tokens");
  private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  private static final int THREADS = 4;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void concurrentIncrementsInOneWindowAddUpExactly() throws Exception {
    MutableClock clock = new MutableClock(START);
    WindowedUsageCounter counter = new WindowedUsageCounter("node-1", Duration.ofMinutes(1), clock);
    int perThread = 200_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      TenantId tenant = TENANTS.get(t % 2);
      workers.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  counter.increment(tenant, "api.requests", "request", UsageCategory.PLATFORM, 1);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> worker : workers) {
      worker.get(30, TimeUnit.SECONDS);
    }

    assertThat(counter.closedWindows(START.plusSeconds(60)))
        .extracting(UsageEvent::tenantId, UsageEvent::quantity)
        .containsExactlyInAnyOrder(
            tuple(TENANTS.get(0), BigDecimal.valueOf(2L * perThread)),
            tuple(TENANTS.get(1), BigDecimal.valueOf(2L * perThread)));
  }

  /**
   * Incrementing threads race a flusher that moves time on, sometimes fails before acknowledging,
   * and sometimes closes windows ahead of the counters' clock (so increments arrive late). The
   * flusher "commits" into a map with the ledger's rule (first write of an id wins), so any lost
   * increment, or an id reused with another quantity, shows up as a wrong total.
   */
  @Test
  void flushingWhileCountingLosesAndDuplicatesNothing() throws Exception {
    MutableClock clock = new MutableClock(START);
    WindowedUsageCounter counter = new WindowedUsageCounter("node-1", Duration.ofMinutes(1), clock);
    int perThread = 150_000;
    CountDownLatch go = new CountDownLatch(1);
    AtomicBoolean counting = new AtomicBoolean(true);
    Map<String, BigDecimal> ledger = new ConcurrentHashMap<>();
    List<String> conflicts = new ArrayList<>();

    List<Future<Map<String, Long>>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long seed = 42 + t;
      workers.add(pool.submit(incrementer(counter, go, perThread, seed)));
    }
    Future<Integer> flusher =
        pool.submit(
            () -> {
              go.await();
              int rounds = 0;
              while (counting.get()) {
                rounds++;
                Instant now = clock.advance(Duration.ofSeconds(20));
                Instant closeAt = rounds % 5 == 0 ? now.plusSeconds(60) : now;
                List<UsageEvent> events = counter.closedWindows(closeAt);
                if (rounds % 3 == 0) {
                  continue; // the commit failed: acknowledge nothing, retry next round
                }
                commit(ledger, events, conflicts);
                counter.acknowledge(events);
              }
              return rounds;
            });

    go.countDown();
    Map<String, Long> expected = new HashMap<>();
    for (Future<Map<String, Long>> worker : workers) {
      worker.get(45, TimeUnit.SECONDS).forEach((key, sum) -> expected.merge(key, sum, Long::sum));
    }
    counting.set(false);
    int rounds = flusher.get(10, TimeUnit.SECONDS);

    List<UsageEvent> rest = counter.closedWindows(clock.instant().plus(Duration.ofMinutes(2)));
    commit(ledger, rest, conflicts);
    counter.acknowledge(rest);

    assertThat(rounds).as("flush rounds").isGreaterThan(1);
    assertThat(conflicts).as("ids reused with another quantity").isEmpty();
    assertThat(totalsByTenantAndMeter(ledger)).isEqualTo(toBigDecimals(expected));
    assertThat(counter.closedWindows(clock.instant().plus(Duration.ofHours(1)))).isEmpty();
  }

  private static Callable<Map<String, Long>> incrementer(
      WindowedUsageCounter counter, CountDownLatch go, int increments, long seed) {
    return () -> {
      SplittableRandom random = new SplittableRandom(seed);
      Map<String, Long> sums = new HashMap<>();
      go.await();
      for (int i = 0; i < increments; i++) {
        TenantId tenant = TENANTS.get(random.nextInt(TENANTS.size()));
        String meter = METERS.get(random.nextInt(METERS.size()));
        long delta = random.nextInt(4);
        counter.increment(tenant, meter, "unit", UsageCategory.INFERENCE, delta);
        sums.merge(tenant + "/" + meter, delta, Long::sum);
      }
      return sums;
    };
  }

  private static void commit(
      Map<String, BigDecimal> ledger, List<UsageEvent> events, List<String> conflicts) {
    for (UsageEvent event : events) {
      String key = event.tenantId() + "/" + event.meter() + "/" + event.eventId();
      BigDecimal first = ledger.putIfAbsent(key, event.quantity());
      if (first != null && first.compareTo(event.quantity()) != 0) {
        conflicts.add(key + ": " + first + " then " + event.quantity());
      }
    }
  }

  private static Map<String, BigDecimal> totalsByTenantAndMeter(Map<String, BigDecimal> ledger) {
    Map<String, BigDecimal> totals = new HashMap<>();
    ledger.forEach(
        (key, quantity) ->
            totals.merge(key.substring(0, key.lastIndexOf('/')), quantity, BigDecimal::add));
    return totals;
  }

  private static Map<String, BigDecimal> toBigDecimals(Map<String, Long> sums) {
    Map<String, BigDecimal> result = new HashMap<>();
    sums.forEach((key, sum) -> result.put(key, BigDecimal.valueOf(sum)));
    return result;
  }
}
