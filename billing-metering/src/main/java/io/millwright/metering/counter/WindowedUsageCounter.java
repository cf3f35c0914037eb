package io.millwright.metering.counter;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.regex.Pattern;

/**
 * Counts very frequent usage in memory, per tenant, meter and time window, and hands out each
 * window as one usage event once the window has closed.
 *
 * <p>Windows are aligned to the epoch (a 1-minute window runs from one whole UTC minute to the
 * next). The event of a window has the id {@code <meter>:<nodeId>:<window start epoch minute>},
 * occurs at the window start and carries the tags {@code node} and {@code window}. Because the id
 * is derived, handing the same window out again after a failed flush yields the same event, which
 * the ledger then records exactly once.
 *
 * <p>Flushing is a two-step protocol, so a failed flush loses nothing:
 *
 * <pre>{@code
 * List<UsageEvent> events = counter.closedWindows(clock.instant());
 * ... record the events and commit ...   // may fail: then just try again later
 * counter.acknowledge(events);           // only after the commit
 * }</pre>
 *
 * <p>{@link #closedWindows} closes every window that ended at or before {@code now}: from then on
 * its count is frozen and it is handed out, unchanged, by every call until {@link #acknowledge}
 * releases it. An increment that arrives after its window was closed (a slow thread, or a clock
 * behind the {@code now} given to {@code closedWindows}) counts in the earliest open window
 * instead, so it is neither lost nor able to change an event already handed out.
 *
 * <p>A node id must name one counter for its whole life. A process that restarts within a window
 * and flushed that window on the way down (with {@code closedWindows(now.plus(window))}) must come
 * back with a new node id, for example the host name plus the start time: otherwise its new event
 * for that window has an id the ledger has already recorded and would be dropped as a duplicate.
 *
 * <p>Thread-safe: any number of threads may increment while one or more threads flush. Increments
 * share a read lock that closing a window takes exclusively for an instant; they never wait on I/O.
 * Memory grows with the number of (tenant, meter) pairs counted per open or unacknowledged window.
 */
public final class WindowedUsageCounter {

  /** The window used unless another is configured. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);

  /** What a node id may look like; it becomes part of event ids, hence no colon. */
  public static final Pattern NODE_ID_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  private static final long SECONDS_PER_MINUTE = 60;
  private static final long MINUTES_PER_DAY = 24 * 60;

  private final String nodeId;
  private final Duration window;
  private final long windowSeconds;
  private final Clock clock;
  private final Map<String, String> eventTags;

  /** Lets increments run together but not while windows are being closed. */
  private final StampedLock closing = new StampedLock();

  private final ConcurrentHashMap<String, MeterDefinition> meters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<WindowKey, WindowCount> counts = new ConcurrentHashMap<>();

  /**
   * Epoch second of the earliest open window: every window starting before it is closed. Written
   * only under the exclusive lock, so an increment holding the shared lock sees a stable value.
   */
  private volatile long firstOpenWindowStart = Long.MIN_VALUE;

  /**
   * A counter with the {@linkplain #DEFAULT_WINDOW default window} on the system UTC clock.
   *
   * @throws IllegalArgumentException if the node id does not match {@link #NODE_ID_PATTERN}
   */
  public WindowedUsageCounter(String nodeId) {
    this(nodeId, DEFAULT_WINDOW, Clock.systemUTC());
  }

  /**
   * A counter with the given window length, reading the time of each increment from {@code clock}.
   *
   * @param nodeId names this counter in event ids; matches {@link #NODE_ID_PATTERN}
   * @param window a whole number of minutes that divides a day (1, 2, 5, 15, 60, ... minutes), so
   *     windows line up with UTC days and have distinct start minutes
   * @param clock the source of increment times
   * @throws IllegalArgumentException if an argument is {@code null} or invalid
   */
  public WindowedUsageCounter(String nodeId, Duration window, Clock clock) {
    if (nodeId == null || !NODE_ID_PATTERN.matcher(nodeId).matches()) {
      throw new IllegalArgumentException(
          "nodeId '%s' must match %s".formatted(nodeId, NODE_ID_PATTERN.pattern()));
    }
    if (window == null
        || window.isNegative()
        || window.isZero()
        || window.toSecondsPart() != 0
        || window.toNanosPart() != 0
        || MINUTES_PER_DAY % window.toMinutes() != 0) {
      throw new IllegalArgumentException(
          "window %s must be a whole number of minutes that divides a day".formatted(window));
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock is required");
    }
    this.nodeId = nodeId;
    this.window = window;
    this.windowSeconds = window.toSeconds();
    this.clock = clock;
    this.eventTags = Map.of("node", nodeId, "window", window.toString());
  }

  public String nodeId() {
    return nodeId;
  }

  public Duration window() {
    return window;
  }

  /**
   * Adds {@code delta} to the tenant's count of {@code meter} in the current window.
   *
   * <p>A meter keeps the unit and category it was first counted with for the life of the counter,
   * since they are not part of the event id. A delta of zero changes nothing.
   *
   * @throws IllegalArgumentException if an argument is {@code null} or invalid, {@code delta} is
   *     negative, or the meter was counted before with another unit or category
   */
  public void increment(
      TenantId tenant, String meter, String unit, UsageCategory category, long delta) {
    if (tenant == null) {
      throw new IllegalArgumentException("tenant is required");
    }
    if (delta < 0) {
      throw new IllegalArgumentException("delta must be >= 0, was " + delta);
    }
    MeterDefinition definition = define(meter, unit, category);
    if (delta == 0) {
      return;
    }
    long currentWindowStart = windowStartOf(clock.instant().getEpochSecond());
    long stamp = closing.readLock();
    try {
      WindowKey key =
          new WindowKey(tenant, meter, Math.max(currentWindowStart, firstOpenWindowStart));
      WindowCount count = counts.get(key);
      if (count == null) {
        count = counts.computeIfAbsent(key, k -> new WindowCount(definition));
      }
      count.sum.add(delta);
    } finally {
      closing.unlockRead(stamp);
    }
  }

  /**
   * Closes every window that ended at or before {@code now} and returns one event per tenant, meter
   * and closed window not yet {@linkplain #acknowledge acknowledged}, ordered by window start,
   * tenant and meter.
   *
   * <p>Calling it again before acknowledging returns equal events for those windows, so a flush
   * that failed is simply repeated. Closing is permanent: a later call with an earlier {@code now}
   * reopens nothing.
   *
   * @throws IllegalArgumentException if {@code now} is {@code null}
   */
  public List<UsageEvent> closedWindows(Instant now) {
    if (now == null) {
      throw new IllegalArgumentException("now is required");
    }
    long openFrom = closeWindowsBefore(windowStartOf(now.getEpochSecond()));
    List<Map.Entry<WindowKey, WindowCount>> closed = new ArrayList<>();
    for (Map.Entry<WindowKey, WindowCount> entry : counts.entrySet()) {
      if (entry.getKey().windowStart() < openFrom) {
        closed.add(entry);
      }
    }
    closed.sort(
        Comparator.comparingLong((Map.Entry<WindowKey, WindowCount> e) -> e.getKey().windowStart())
            .thenComparing(e -> e.getKey().tenant().value())
            .thenComparing(e -> e.getKey().meter()));
    List<UsageEvent> events = new ArrayList<>(closed.size());
    for (Map.Entry<WindowKey, WindowCount> entry : closed) {
      events.add(toEvent(entry.getKey(), entry.getValue()));
    }
    return events;
  }

  /**
   * Releases closed windows whose events the caller has committed to the ledger, so they are not
   * handed out again. Call it only after the commit: a window that is never acknowledged is handed
   * out by every {@link #closedWindows} call.
   *
   * <p>Idempotent: events of windows already released, and events this counter did not hand out,
   * are ignored.
   *
   * @param committed events returned by {@link #closedWindows} and now committed
   * @return how many windows were released
   * @throws IllegalArgumentException if {@code committed} or an element is {@code null}, or an
   *     event has this counter's id for a closed window but another quantity than the window's
   */
  public int acknowledge(Collection<UsageEvent> committed) {
    if (committed == null) {
      throw new IllegalArgumentException("committed is required");
    }
    long openFrom = firstOpenWindowStart;
    // Check every event before releasing any, so a refused call releases nothing.
    Map<WindowKey, WindowCount> toRelease = new HashMap<>();
    for (UsageEvent event : committed) {
      if (event == null) {
        throw new IllegalArgumentException("committed contains null");
      }
      long windowStart = event.occurredAt().getEpochSecond();
      if (windowStart >= openFrom || !event.eventId().equals(eventId(event.meter(), windowStart))) {
        continue;
      }
      WindowKey key = new WindowKey(event.tenantId(), event.meter(), windowStart);
      WindowCount count = counts.get(key);
      if (count == null) {
        continue;
      }
      BigDecimal counted = BigDecimal.valueOf(count.sum.sum());
      if (counted.compareTo(event.quantity()) != 0) {
        throw new IllegalArgumentException(
            "event %s has quantity %s but its window counted %s: not handed out by this counter"
                .formatted(event.eventId(), event.quantity().toPlainString(), counted));
      }
      toRelease.put(key, count);
    }
    int released = 0;
    for (Map.Entry<WindowKey, WindowCount> window : toRelease.entrySet()) {
      if (counts.remove(window.getKey(), window.getValue())) {
        released++;
      }
    }
    return released;
  }

  /** Advances the first open window to {@code windowStart} if it is later, and returns it. */
  private long closeWindowsBefore(long windowStart) {
    if (firstOpenWindowStart >= windowStart) {
      return firstOpenWindowStart;
    }
    long stamp = closing.writeLock();
    try {
      // Once this is visible, no increment adds to a window before it (they all hold the shared
      // lock while choosing a window and adding), so the counts of closed windows are final.
      if (firstOpenWindowStart < windowStart) {
        firstOpenWindowStart = windowStart;
      }
      return firstOpenWindowStart;
    } finally {
      closing.unlockWrite(stamp);
    }
  }

  private MeterDefinition define(String meter, String unit, UsageCategory category) {
    if (meter == null) {
      throw new IllegalArgumentException("meter is required");
    }
    MeterDefinition known = meters.get(meter);
    if (known == null) {
      MeterDefinition candidate = MeterDefinition.validated(meter, unit, category);
      known = meters.putIfAbsent(meter, candidate);
      if (known == null) {
        return candidate;
      }
    }
    if (!known.unit().equals(unit) || known.category() != category) {
      throw new IllegalArgumentException(
          "meter %s is counted in %s (%s), not in %s (%s)"
              .formatted(meter, known.unit(), known.category(), unit, category));
    }
    return known;
  }

  private UsageEvent toEvent(WindowKey key, WindowCount count) {
    return new UsageEvent(
        eventId(key.meter(), key.windowStart()),
        key.tenant(),
        key.meter(),
        BigDecimal.valueOf(count.sum.sum()),
        count.definition.unit(),
        Instant.ofEpochSecond(key.windowStart()),
        count.definition.category(),
        null,
        eventTags);
  }

  private String eventId(String meter, long windowStart) {
    return meter + ':' + nodeId + ':' + Math.floorDiv(windowStart, SECONDS_PER_MINUTE);
  }

  private long windowStartOf(long epochSecond) {
    return Math.floorDiv(epochSecond, windowSeconds) * windowSeconds;
  }

  private record WindowKey(TenantId tenant, String meter, long windowStart) {}

  /** A window's running count; final once the window is closed. */
  private static final class WindowCount {
    final MeterDefinition definition;
    final LongAdder sum = new LongAdder();

    WindowCount(MeterDefinition definition) {
      this.definition = definition;
    }
  }

  private record MeterDefinition(String unit, UsageCategory category) {

    /** Validates through a probe event, so the counter accepts exactly what the ledger does. */
    static MeterDefinition validated(String meter, String unit, UsageCategory category) {
      new UsageEvent(
          "probe",
          TenantId.PLATFORM,
          meter,
          BigDecimal.ZERO,
          unit,
          Instant.EPOCH,
          category,
          null,
          null);
      return new MeterDefinition(unit, category);
    }
  }
}
