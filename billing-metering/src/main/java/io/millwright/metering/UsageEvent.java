package io.millwright.metering;

import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One measured use of the platform by a tenant, as written to the usage ledger.
 *
 * <p>The event id is chosen by the caller and is the idempotency key: recording the same {@code
 * (tenantId, eventId)} twice keeps the first event. A caller that retries after a failure therefore
 * reuses its ids (for example {@code <job id>:<step>} or a hash of the source record).
 *
 * <p>Every component is validated here, so an event that exists is one the ledger accepts. The
 * quantity must fit the ledger's {@code numeric(38,9)}: at most 29 integer and 9 fractional digits,
 * so that no value is silently rounded. The ledger stores occurrence times at microsecond
 * precision.
 *
 * @param eventId caller-chosen idempotency key, 1 to 128 characters, not blank
 * @param tenantId the tenant that used the platform ({@link TenantId#PLATFORM} for the platform's
 *     own usage)
 * @param meter what was measured, e.g. {@code api.requests} or {@code storage.bytes}; matches
 *     {@code [a-z][a-z0-9_.-]{0,63}}
 * @param quantity how much, {@code >= 0}
 * @param unit the unit of the quantity, e.g. {@code request} or {@code byte}; not blank, at most 32
 *     characters
 * @param occurredAt when the usage happened
 * @param category the capability the usage belongs to
 * @param resourceId the resource used (a model, dataset or bucket id), or {@code null} for none;
 *     when present, 1 to 256 characters and not blank
 * @param tags at most 16 small labels; keys 1 to 64 characters, values at most 256; {@code null}
 *     means none. Stored as an immutable copy.
 * @throws IllegalArgumentException if a component is missing or invalid; the message names the
 *     component
 */
public record UsageEvent(
    String eventId,
    TenantId tenantId,
    String meter,
    BigDecimal quantity,
    String unit,
    Instant occurredAt,
    UsageCategory category,
    String resourceId,
    Map<String, String> tags) {

  /** The pattern every meter name matches. */
  public static final Pattern METER_PATTERN = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  public static final int MAX_EVENT_ID_LENGTH = 128;
  public static final int MAX_UNIT_LENGTH = 32;
  public static final int MAX_RESOURCE_ID_LENGTH = 256;
  public static final int MAX_TAGS = 16;
  public static final int MAX_TAG_KEY_LENGTH = 64;
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  /** {@code numeric(38,9)}: 38 digits of which 9 follow the decimal point. */
  private static final int MAX_INTEGER_DIGITS = 29;

  private static final int MAX_FRACTION_DIGITS = 9;

  public UsageEvent {
    requireText("eventId", eventId, MAX_EVENT_ID_LENGTH);
    require(tenantId != null, "tenantId is required");
    require(meter != null, "meter is required");
    require(
        METER_PATTERN.matcher(meter).matches(),
        "meter '%s' must match %s",
        abbreviate(meter),
        METER_PATTERN.pattern());
    requireQuantity(quantity);
    requireText("unit", unit, MAX_UNIT_LENGTH);
    require(occurredAt != null, "occurredAt is required");
    require(category != null, "category is required");
    if (resourceId != null) {
      requireText("resourceId", resourceId, MAX_RESOURCE_ID_LENGTH);
    }
    tags = copyTags(tags);
  }

  /** Returns the same event with another quantity; the event id stays the same. */
  public UsageEvent withQuantity(BigDecimal newQuantity) {
    return new UsageEvent(
        eventId, tenantId, meter, newQuantity, unit, occurredAt, category, resourceId, tags);
  }

  private static void requireQuantity(BigDecimal quantity) {
    require(quantity != null, "quantity is required");
    require(quantity.signum() >= 0, "quantity must be >= 0, was %s", quantity.toPlainString());
    if (quantity.signum() == 0) {
      return;
    }
    BigDecimal stripped = quantity.stripTrailingZeros();
    require(
        stripped.scale() <= MAX_FRACTION_DIGITS,
        "quantity %s has more than %d decimal places",
        quantity.toPlainString(),
        MAX_FRACTION_DIGITS);
    require(
        stripped.precision() - stripped.scale() <= MAX_INTEGER_DIGITS,
        "quantity %s has more than %d integer digits",
        quantity.toPlainString(),
        MAX_INTEGER_DIGITS);
  }

  private static Map<String, String> copyTags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    require(tags.size() <= MAX_TAGS, "at most %d tags are allowed, got %d", MAX_TAGS, tags.size());
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      requireText("tag key", tag.getKey(), MAX_TAG_KEY_LENGTH);
      String value = tag.getValue();
      require(value != null, "tag '%s' has no value", tag.getKey());
      require(
          value.length() <= MAX_TAG_VALUE_LENGTH,
          "tag '%s' value is longer than %d characters",
          tag.getKey(),
          MAX_TAG_VALUE_LENGTH);
      require(value.indexOf('\0') < 0, "tag '%s' value contains a NUL character", tag.getKey());
    }
    return Map.copyOf(tags);
  }

  /**
   * Text columns are PostgreSQL {@code text}, which cannot hold NUL: reject it here, not in SQL.
   */
  private static void requireText(String name, String value, int maxLength) {
    require(value != null, "%s is required", name);
    require(!value.isBlank(), "%s must not be blank", name);
    require(
        value.length() <= maxLength,
        "%s '%s' is longer than %d characters",
        name,
        abbreviate(value),
        maxLength);
    require(value.indexOf('\0') < 0, "%s contains a NUL character", name);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 37) + "...";
  }

  private static void require(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(args.length == 0 ? message : String.format(message, args));
    }
  }
}
