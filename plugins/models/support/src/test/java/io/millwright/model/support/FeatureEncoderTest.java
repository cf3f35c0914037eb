package io.millwright.model.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureEncoderTest {

  static final Column AMOUNT = new Column("amount", ColumnKind.NUMBER);
  static final Column REGION = new Column("region", ColumnKind.CATEGORY);
  static final Column VIP = new Column("vip", ColumnKind.BOOLEAN);
  static final Column AT = new Column("at", ColumnKind.TIMESTAMP);
  static final List<Column> COLUMNS = List.of(AMOUNT, REGION, VIP, AT);

  static DataBatch rows(Object[]... rows) {
    DataBatch.Builder b = DataBatch.builder(COLUMNS);
    for (Object[] r : rows) {
      b.row(r);
    }
    return b.build();
  }

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** Amounts 1, 3, missing; regions north twice, south once; vip true, false, missing. */
  static List<DataBatch> training() {
    return List.of(
        rows(
            new Object[] {1.0, "north", true, T0},
            new Object[] {3.0, "south", false, T0.plusSeconds(200)}),
        rows(new Object[] {null, "north", null, T0.plusSeconds(100)}));
  }

  @Test
  void numbersAreStandardizedAndAMissingOneIsTheMeanWithAnIndicator() throws Exception {
    FeatureEncoder e = FeatureEncoder.fit(COLUMNS, training());
    assertThat(e.featureNames())
        .containsExactly(
            "amount",
            "amount (missing)",
            "region=north",
            "region=south",
            "vip",
            "vip (missing)",
            "at");
    assertThat(e.width()).isEqualTo(7);
    float[] x = e.encode(rows(new Object[] {3.0, "south", false, T0}, new Object[4]));
    // mean 2, population std 1 -> 3 is +1; missing is 0 with the indicator set
    assertThat(x[0]).isEqualTo(1f);
    assertThat(x[1]).isEqualTo(0f);
    assertThat(x[7]).isEqualTo(0f);
    assertThat(x[8]).isEqualTo(1f);
    // timestamps 0, 200, 100 s after T0: mean T0+100, std sqrt(20000/3)
    assertThat(x[6])
        .isCloseTo(
            (float) (-100 / Math.sqrt(20000 / 3.0)), org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(x[7 + 6]).as("a missing timestamp is the mean").isEqualTo(0f);
  }

  @Test
  void booleansAreZeroOrOneAndMissingIsTheShareOfTrue() throws Exception {
    FeatureEncoder e = FeatureEncoder.fit(COLUMNS, training());
    float[] x =
        e.encode(
            rows(
                new Object[] {1.0, "north", true, T0},
                new Object[] {1.0, "north", false, T0},
                new Object[] {1.0, "north", null, T0}));
    assertThat(new float[] {x[4], x[5], x[7 + 4], x[7 + 5], x[14 + 4], x[14 + 5]})
        .containsExactly(1f, 0f, 0f, 0f, 0.5f, 1f);
  }

  @Test
  void anUnseenOrMissingCategoryIsAllZerosAndAColumnWithoutMissingValuesHasNoIndicator()
      throws Exception {
    FeatureEncoder e =
        FeatureEncoder.fit(
            List.of(REGION, AT), List.of(rows(new Object[] {1.0, "north", true, T0})));
    assertThat(e.featureNames()).containsExactly("region=north", "at");
    DataBatch odd = rows(new Object[] {1.0, "atlantis", true, null}, new Object[4]);
    assertThat(e.encode(odd)).containsExactly(0f, 0f, 0f, 0f);
  }

  @Test
  void absurdAndInfiniteValuesStayFinite() throws Exception {
    FeatureEncoder e = FeatureEncoder.fit(COLUMNS, training());
    float[] x =
        e.encode(
            rows(
                new Object[] {1e300, null, null, null},
                new Object[] {Double.NEGATIVE_INFINITY, null, null, null}));
    assertThat(x[0]).isEqualTo((float) FeatureEncoder.CLIP);
    assertThat(x[7]).as("infinite is missing").isEqualTo(0f);
    assertThat(x[8]).isEqualTo(1f);
  }

  @Test
  void categoriesAreTheFiftyMostFrequentInSortedOrder() throws Exception {
    DataBatch.Builder b = DataBatch.builder(List.of(REGION));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String name = String.format("c%02d", 59 - i);
      // c59 once, c58 twice, ..., so the 50 most frequent are c00..c49
      for (int n = 0; n <= i; n++) {
        b.row(name);
      }
      if (59 - i < 50) {
        expected.add("region=" + name);
      }
    }
    b.row((Object) null);
    FeatureEncoder e = FeatureEncoder.fit(List.of(REGION), List.of(b.build()));
    expected.sort(null);
    assertThat(e.featureNames()).containsExactlyElementsOf(expected);
    assertThat(e.width()).isEqualTo(FeatureEncoder.MAX_CATEGORIES);
  }

  @Test
  void savedAndLoadedItEncodesExactlyTheSameAndTheFileIsDeterministic(@TempDir Path dir)
      throws Exception {
    FeatureEncoder e = FeatureEncoder.fit(COLUMNS, training());
    e.save(dir);
    FeatureEncoder loaded = FeatureEncoder.load(dir);
    assertThat(loaded).isEqualTo(e);
    assertThat(loaded.toJson()).isEqualTo(e.toJson());
    assertThat(loaded.columns()).isEqualTo(COLUMNS);
    DataBatch probe =
        rows(
            new Object[] {2.5, "south", true, T0.plusSeconds(7)},
            new Object[] {null, "nowhere", null, null});
    assertThat(loaded.encode(probe)).containsExactly(e.encode(probe));
    assertThat(FeatureEncoder.fit(COLUMNS, training()).toJson())
        .as("same data, same bytes")
        .isEqualTo(Files.readString(dir.resolve(FeatureEncoder.FILE)));
    assertThat(Files.readString(dir.resolve(FeatureEncoder.FILE)))
        .contains("\"format\": 1", "\"categories\": [\"north\", \"south\"]");
  }

  @Test
  void categoryNamesWithQuotesAndUnicodeRoundTrip() throws Exception {
    String odd = "a \"quoted\"\\ name\n\twith ünïcödé and \u0001";
    FeatureEncoder e =
        FeatureEncoder.fit(List.of(REGION), List.of(rows(new Object[] {null, odd, null, null})));
    FeatureEncoder back = FeatureEncoder.fromJson(e.toJson());
    assertThat(back.featureNames()).containsExactly("region=" + odd);
    assertThat(back.encode(rows(new Object[] {null, odd, null, null}))).containsExactly(1f);
  }

  @Test
  void textAndMissingColumnsAreRefusedAsInvalidInput() {
    assertThatThrownBy(
            () -> FeatureEncoder.fit(List.of(new Column("note", ColumnKind.TEXT)), List.of(rows())))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("free text")
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.INVALID_INPUT);
    assertThatThrownBy(
            () -> FeatureEncoder.fit(List.of(new Column("ghost", ColumnKind.NUMBER)), training()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("ghost");
    assertThatThrownBy(() -> FeatureEncoder.fit(List.of(), training()))
        .isInstanceOf(ModelException.class);
  }
}
