package io.millwright.plugin.api.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record read from a source.
 *
 * <p>Values are {@code String}, {@code Long}/{@code Integer}, {@code Double}, {@code BigDecimal},
 * {@code Boolean}, {@code LocalDate}, {@code Instant}, {@code LocalDateTime} or null; the host
 * standardizes and checks them against the dataset's contract like any upload.
 *
 * <p>A record the connector cannot even parse (a non-JSON MQTT payload, a broken CSV line) is still
 * handed over, as {@link #unreadable}: the host quarantines it with its raw text so nothing is lost
 * and the route keeps going.
 *
 * @param origin where a person finds it in the source: "orders id=1042", "sensors/line-1 #88"
 * @param values field name to value, in the source's order
 * @param problem null, or why the record could not be read
 * @param raw null, or the record's original text when it could not be read
 */
public record SourceRecord(String origin, Map<String, Object> values, String problem, String raw) {

  public SourceRecord {
    Objects.requireNonNull(origin, "origin");
    // Values may be null, which Map.copyOf forbids; keep the source's field order.
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** A record; the values are copied once (by the constructor), keeping their order. */
  @SuppressWarnings("unchecked")
  public static SourceRecord of(String origin, Map<String, ?> values) {
    return new SourceRecord(origin, (Map<String, Object>) values, null, null);
  }

  public static SourceRecord unreadable(String origin, String raw, String problem) {
    return new SourceRecord(origin, Map.of(), Objects.requireNonNull(problem, "problem"), raw);
  }

  public boolean isUnreadable() {
    return problem != null;
  }
}
