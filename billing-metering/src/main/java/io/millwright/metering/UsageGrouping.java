package io.millwright.metering;

/**
 * A dimension that usage totals can be grouped by. Groupings combine: {@code {METER, DAY}} gives
 * one total per meter and UTC day. Totals are always split by unit as well, because quantities of
 * different units never add up.
 */
public enum UsageGrouping {
  /** One total per meter name. */
  METER,
  /** One total per calendar day of the occurrence time, in UTC. */
  DAY,
  /** One total per {@link UsageCategory}. */
  CATEGORY,
  /** One total per resource id; events without a resource form their own group. */
  RESOURCE
}
