package io.millwright.metering;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of aggregated usage: the sum of the quantities of the events that share a group.
 *
 * <p>A dimension that was not asked for in the grouping is {@code null}. When grouped by {@link
 * UsageGrouping#RESOURCE}, a {@code null} resource id is the group of events without a resource.
 * The unit is always present: totals are split by unit because different units never add up.
 *
 * @param meter the meter, or {@code null} when not grouped by {@link UsageGrouping#METER}
 * @param day the UTC day of occurrence, or {@code null} when not grouped by {@link
 *     UsageGrouping#DAY}
 * @param category the category, or {@code null} when not grouped by {@link UsageGrouping#CATEGORY}
 * @param resourceId the resource, or {@code null} (see above)
 * @param unit the unit of {@code quantity}
 * @param quantity the exact sum; normalised to drop trailing zeros after the decimal point (so
 *     {@code 3.000} becomes {@code 3}), which makes totals compare with {@code equals}
 * @param eventCount how many events the sum covers, at least 1
 */
public record UsageTotal(
    String meter,
    LocalDate day,
    UsageCategory category,
    String resourceId,
    String unit,
    BigDecimal quantity,
    long eventCount) {

  public UsageTotal {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(quantity, "quantity");
    if (eventCount < 1) {
      throw new IllegalArgumentException("eventCount must be >= 1, was " + eventCount);
    }
    quantity = withoutTrailingZeros(quantity);
  }

  private static BigDecimal withoutTrailingZeros(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
