package io.millwright.server.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class PartitionValuesTest {

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "at", Types.TimestampType.withZone()),
          Types.NestedField.optional(2, "on", Types.DateType.get()),
          Types.NestedField.optional(3, "site", Types.StringType.get()),
          Types.NestedField.optional(4, "n", Types.LongType.get()),
          Types.NestedField.optional(5, "local", Types.TimestampType.withoutZone()));

  /** The fast values equal Iceberg's own for every transform it takes, at many instants. */
  @Test
  void theValuesAreIcebergsOwnForEveryTransformItTakes() {
    PartitionSpec[] specs = {
      PartitionSpec.builderFor(SCHEMA).day("at").build(),
      PartitionSpec.builderFor(SCHEMA).hour("at").identity("site").build(),
      PartitionSpec.builderFor(SCHEMA).month("at").identity("n").build(),
      PartitionSpec.builderFor(SCHEMA).year("at").build(),
      PartitionSpec.builderFor(SCHEMA).day("on").build(),
      PartitionSpec.builderFor(SCHEMA).month("on").build(),
      PartitionSpec.builderFor(SCHEMA).year("on").build()
    };
    Random random = new Random(7);
    InternalRecordWrapper wrapper = new InternalRecordWrapper(SCHEMA.asStruct());
    for (PartitionSpec spec : specs) {
      PartitionValues fast = PartitionValues.of(spec, SCHEMA);
      assertThat(fast).as(spec.toString()).isNotNull();
      PartitionKey expected = new PartitionKey(spec, SCHEMA);
      PartitionKey actual = new PartitionKey(spec, SCHEMA);
      int fastRows = 0;
      for (int i = 0; i < 20_000; i++) {
        // From 1960 to 2100, with offsets other than UTC, and the edges of days and months.
        long second =
            i % 10 == 0
                ? LocalDate.of(1970 + random.nextInt(60), 1 + random.nextInt(12), 1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toEpochSecond()
                    - (random.nextBoolean() ? 1 : 0)
                : -315_619_200L + (long) (random.nextDouble() * 4_418_000_000L);
        OffsetDateTime at =
            Instant.ofEpochSecond(second, random.nextInt(1_000_000) * 1000L)
                .atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12));
        GenericRecord row = GenericRecord.create(SCHEMA);
        row.set(0, at);
        row.set(1, at.toLocalDate());
        row.set(2, i % 7 == 0 ? null : "site-" + (i % 5));
        row.set(3, (long) (i % 11));
        expected.partition(wrapper.wrap(row));
        if (fast.fill(row, actual)) {
          fastRows++;
          assertThat(actual).as("%s at %s", spec, at).isEqualTo(expected);
        }
      }
      assertThat(fastRows).as("most instants are after 1970").isGreaterThan(15_000);
    }
  }

  @Test
  void beforeNineteenSeventyTheRowGoesIcebergsWay() {
    PartitionSpec spec = PartitionSpec.builderFor(SCHEMA).day("at").build();
    GenericRecord row = GenericRecord.create(SCHEMA);
    row.set(0, OffsetDateTime.parse("1969-12-31T23:59:59Z"));
    assertThat(PartitionValues.of(spec, SCHEMA).fill(row, new PartitionKey(spec, SCHEMA)))
        .isFalse();
  }

  @Test
  void otherTransformsAndLocalTimestampsUseIcebergsPath() {
    assertThat(
            PartitionValues.of(PartitionSpec.builderFor(SCHEMA).bucket("site", 8).build(), SCHEMA))
        .isNull();
    assertThat(PartitionValues.of(PartitionSpec.builderFor(SCHEMA).day("local").build(), SCHEMA))
        .isNull();
    assertThat(PartitionValues.of(PartitionSpec.unpartitioned(), SCHEMA)).isNull();
  }
}
