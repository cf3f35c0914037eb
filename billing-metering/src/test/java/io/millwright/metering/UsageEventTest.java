package io.millwright.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageEventTest {

  private static final TenantId TENANT = TenantId.parse("2b1e4c8a-0d7f-4f3e-9a51-7c2d6e8b9f10");
  private static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");

  private static UsageEvent event(String eventId, String meter, String quantity, String unit) {
    return new UsageEvent(
        eventId,
        TENANT,
        meter,
        quantity == null ? null : new BigDecimal(quantity),
        unit,
        AT,
        UsageCategory.INFERENCE,
        null,
        null);
  }

  private static UsageEvent withTags(Map<String, String> tags) {
    return new UsageEvent(
        "e-1",
        TENANT,
        "api.requests",
        BigDecimal.ONE,
        "request",
        AT,
        UsageCategory.PLATFORM,
        "model-7",
        tags);
  }

  @Test
  void keepsEveryComponentOfAValidEvent() {
    UsageEvent event =
        new UsageEvent(
            "job-42:step-3",
            TENANT,
            "training.gpu_seconds",
            new BigDecimal("12.5"),
            "second",
            AT,
            UsageCategory.TRAINING,
            "model-7",
            Map.of("gpu", "a100"));

    assertThat(event.eventId()).isEqualTo("job-42:step-3");
    assertThat(event.tenantId()).isEqualTo(TENANT);
    assertThat(event.meter()).isEqualTo("training.gpu_seconds");
    assertThat(event.quantity()).isEqualTo(new BigDecimal("12.5"));
    assertThat(event.unit()).isEqualTo("second");
    assertThat(event.occurredAt()).isEqualTo(AT);
    assertThat(event.category()).isEqualTo(UsageCategory.TRAINING);
    assertThat(event.resourceId()).isEqualTo("model-7");
    assertThat(event.tags()).containsExactly(Map.entry("gpu", "a100"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "api.requests", "storage.bytes", "x9_-.", "a23456789012345678901"})
  void acceptsMetersMatchingThePattern(String meter) {
    assertThat(event("e", meter, "1", "u").meter()).isEqualTo(meter);
  }

  @Test
  void acceptsAMeterOfSixtyFourCharacters() {
    String meter = "m" + "x".repeat(63);

    assertThat(event("e", meter, "1", "u").meter()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Api.requests", "1meter", ".meter", "api requests", "api:requests", "é"})
  void rejectsMetersNotMatchingThePattern(String meter) {
    assertThatThrownBy(() -> event("e", meter, "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meter '%s' must match [a-z][a-z0-9_.-]{0,63}", meter);
  }

  @Test
  void rejectsAMeterOfSixtyFiveCharacters() {
    assertThatThrownBy(() -> event("e", "m" + "x".repeat(64), "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must match [a-z][a-z0-9_.-]{0,63}");
  }

  @Test
  void rejectsAMissingMeter() {
    assertThatThrownBy(() -> event("e", null, "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meter is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.000", "1", "12345678901234567890123456789", "0.000000001"})
  void acceptsNonNegativeQuantitiesThatFitTheLedger(String quantity) {
    assertThat(event("e", "m", quantity, "u").quantity()).isEqualTo(new BigDecimal(quantity));
  }

  @Test
  void acceptsTrailingZerosBeyondNineDecimalPlaces() {
    assertThat(event("e", "m", "2.50000000000000", "u").quantity())
        .isEqualByComparingTo(new BigDecimal("2.5"));
  }

  @Test
  void rejectsANegativeQuantity() {
    assertThatThrownBy(() -> event("e", "m", "-0.5", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be >= 0, was -0.5");
  }

  @Test
  void rejectsAQuantityTheLedgerWouldRound() {
    assertThatThrownBy(() -> event("e", "m", "0.0000000001", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity 0.0000000001 has more than 9 decimal places");
  }

  @Test
  void rejectsAQuantityTooLargeForTheLedger() {
    assertThatThrownBy(() -> event("e", "m", "123456789012345678901234567890", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity 123456789012345678901234567890 has more than 29 integer digits");
  }

  @Test
  void rejectsAMissingQuantity() {
    assertThatThrownBy(() -> event("e", "m", null, "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void rejectsABlankUnit(String unit) {
    assertThatThrownBy(() -> event("e", "m", "1", unit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit must not be blank");
  }

  @Test
  void rejectsAMissingUnit() {
    assertThatThrownBy(() -> event("e", "m", "1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unit is required");
  }

  @Test
  void acceptsEventIdsOfOneToOneHundredTwentyEightCharacters() {
    assertThat(event("x", "m", "1", "u").eventId()).isEqualTo("x");
    assertThat(event("x".repeat(128), "m", "1", "u").eventId()).hasSize(128);
  }

  @Test
  void rejectsAnEventIdLongerThanOneHundredTwentyEightCharacters() {
    assertThatThrownBy(() -> event("x".repeat(129), "m", "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventId '%s' is longer than 128 characters", "x".repeat(37) + "...");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void rejectsABlankEventId(String eventId) {
    assertThatThrownBy(() -> event(eventId, "m", "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventId must not be blank");
  }

  @Test
  void rejectsAnEventIdWithANulCharacter() {
    assertThatThrownBy(() -> event("a\0b", "m", "1", "u"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventId contains a NUL character");
  }

  @Test
  void rejectsMissingTenantTimeAndCategory() {
    BigDecimal one = BigDecimal.ONE;
    UsageCategory cat = UsageCategory.STORAGE;
    assertThatThrownBy(() -> new UsageEvent("e", null, "m", one, "u", AT, cat, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenantId is required");
    assertThatThrownBy(() -> new UsageEvent("e", TENANT, "m", one, "u", null, cat, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("occurredAt is required");
    assertThatThrownBy(() -> new UsageEvent("e", TENANT, "m", one, "u", AT, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("category is required");
  }

  @Test
  void rejectsABlankResourceIdButAcceptsNone() {
    BigDecimal one = BigDecimal.ONE;
    UsageCategory cat = UsageCategory.STORAGE;
    assertThat(new UsageEvent("e", TENANT, "m", one, "u", AT, cat, null, null).resourceId())
        .isNull();
    assertThatThrownBy(() -> new UsageEvent("e", TENANT, "m", one, "u", AT, cat, " ", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("resourceId must not be blank");
  }

  @Test
  void treatsMissingTagsAsNone() {
    assertThat(withTags(null).tags()).isEmpty();
  }

  @Test
  void acceptsSixteenTagsAndRejectsSeventeen() {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < 16; i++) {
      tags.put("k" + i, "v" + i);
    }
    assertThat(withTags(tags).tags()).hasSize(16);

    tags.put("k16", "v16");
    assertThatThrownBy(() -> withTags(tags))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 16 tags are allowed, got 17");
  }

  @Test
  void copiesTagsSoLaterChangesDoNotLeakIn() {
    Map<String, String> tags = new HashMap<>(Map.of("region", "eu"));
    UsageEvent event = withTags(tags);

    tags.put("region", "us");
    tags.put("extra", "x");

    assertThat(event.tags()).containsExactly(Map.entry("region", "eu"));
    assertThatThrownBy(() -> event.tags().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsInvalidTags() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("region", null);
    assertThatThrownBy(() -> withTags(nullValue))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag 'region' has no value");
    assertThatThrownBy(() -> withTags(Map.of(" ", "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag key must not be blank");
    assertThatThrownBy(() -> withTags(Map.of("k".repeat(65), "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is longer than 64 characters");
    assertThatThrownBy(() -> withTags(Map.of("k", "v".repeat(257))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tag 'k' value is longer than 256 characters");
  }

  @Test
  void withQuantityKeepsTheIdentityAndRevalidates() {
    UsageEvent event = event("e-9", "m", "1", "u");

    assertThat(event.withQuantity(new BigDecimal("7")))
        .isEqualTo(
            new UsageEvent(
                "e-9",
                TENANT,
                "m",
                new BigDecimal("7"),
                "u",
                AT,
                UsageCategory.INFERENCE,
                null,
                null));
    assertThatThrownBy(() -> event.withQuantity(new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
