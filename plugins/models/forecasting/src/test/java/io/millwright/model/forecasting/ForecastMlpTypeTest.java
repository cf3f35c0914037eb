package io.millwright.model.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingSpec;
import io.millwright.plugin.api.model.kit.KitContext;
import io.millwright.plugin.api.model.kit.KitTrainingData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Beyond the kit: extra features, gaps, the stored history, the artifact, what it refuses. */
class ForecastMlpTypeTest {

  static final Column AT = new Column("at", ColumnKind.TIMESTAMP);
  static final Column PROMO = new Column("promo", ColumnKind.NUMBER);
  static final Column SALES = new Column("sales", ColumnKind.NUMBER);
  static final List<Column> ALL = List.of(AT, PROMO, SALES);
  static final Instant START = Instant.parse("2026-02-02T00:00:00Z");
  static final int TRAIN = 600;
  static final int AHEAD = 48;

  /**
   * Hourly sales with a daily season and a promotion (known in advance) that adds 12; every 37th
   * hour has no row and every 41st no sales figure.
   */
  static List<Object[]> sales(int from, int to, boolean gaps) {
    List<Object[]> rows = new ArrayList<>();
    for (int h = from; h < to; h++) {
      Random random = new Random(1000L + h);
      boolean promo = random.nextInt(5) == 0;
      double value =
          60
              + 20 * Math.sin(2 * Math.PI * (h % 24) / 24.0)
              + (promo ? 12 : 0)
              + random.nextGaussian();
      if (gaps && h % 37 == 36) {
        continue;
      }
      rows.add(
          new Object[] {
            START.plusSeconds(3600L * h), promo ? 1.0 : 0.0, gaps && h % 41 == 40 ? null : value
          });
    }
    return rows;
  }

  static List<DataBatch> batches(List<Column> columns, List<Object[]> rows) {
    List<DataBatch> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += 100) {
      out.add(batch(columns, rows.subList(i, Math.min(rows.size(), i + 100))));
    }
    return out;
  }

  static DataBatch batch(List<Column> columns, List<Object[]> rows) {
    DataBatch.Builder b = DataBatch.builder(columns);
    for (Object[] row : rows) {
      Object[] values = new Object[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        String name = columns.get(c).name();
        values[c] = row[ALL.stream().map(Column::name).toList().indexOf(name)];
      }
      b.row(values);
    }
    return b.build();
  }

  static Map<String, String> params(String... overrides) {
    Map<String, String> p = new HashMap<>(ForecastMlpType.defaults());
    p.put("epochs", "20");
    p.put("hiddenLayers", "32,16");
    for (int i = 0; i < overrides.length; i += 2) {
      p.put(overrides[i], overrides[i + 1]);
    }
    return p;
  }

  static KitTrainingData data(List<Column> features, List<Object[]> rows, Map<String, String> hp) {
    return data(Task.FORECASTING, SALES, features, "at", rows, hp);
  }

  static KitTrainingData data(
      Task task,
      Column target,
      List<Column> features,
      String time,
      List<Object[]> rows,
      Map<String, String> hp) {
    List<Column> columns = new ArrayList<>(features);
    if (!columns.contains(target)) {
      columns.add(target);
    }
    if (columns.stream().noneMatch(c -> c.name().equals("at"))) {
      columns.add(0, AT);
    }
    return new KitTrainingData(
        new TrainingSpec(task, target, features, time, hp, 7L), batches(columns, rows), List.of());
  }

  static double mae(Predictions p, List<Object[]> truth) {
    double sum = 0;
    int n = 0;
    for (int r = 0; r < p.size(); r++) {
      if (truth.get(r)[2] != null) {
        sum += Math.abs(p.value(r) - (double) truth.get(r)[2]);
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void anExtraFeatureKnownInAdvanceIsUsedAndGapsAreBridged(@TempDir Path folder) throws Exception {
    List<Object[]> history = sales(0, TRAIN, true);
    List<Object[]> future = sales(TRAIN, TRAIN + AHEAD, false);
    DataBatch ahead = batch(ALL, future);
    double with;
    Predictions before;
    try (TrainedModel model =
        new ForecastMlpType()
            .train(data(List.of(AT, PROMO), history, params()), new KitContext())) {
      assertThat(model.signature().inputs()).containsExactly(AT, PROMO);
      assertThat(model.signature().output()).isEqualTo(SALES);
      assertThat(model.signature().task()).isEqualTo(Task.FORECASTING);
      before = model.predict(ahead);
      with = mae(before, future);
      model.save(folder);
    }
    double without;
    try (TrainedModel model =
        new ForecastMlpType().train(data(List.of(AT), history, params()), new KitContext())) {
      without = mae(model.predict(batch(List.of(AT), future)), future);
    }
    System.out.printf(
        "forecast-mlp, %d hours ahead: MAE %.3f with the promotion column, %.3f without%n",
        AHEAD, with, without);
    assertThat(with).isLessThan(2.5).isLessThan(without * 0.7);

    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "model.properties", "model.json", "encoder.json", "mlp-0000.params");
    }
    assertThat(Files.readString(folder.resolve("model.properties")))
        .contains("format=1", "type=forecast-mlp", "typeVersion=1.0.0", "task=FORECASTING")
        .doesNotContain("#2");
    assertThat(Files.readString(folder.resolve("model.json")))
        .contains("\"lags\": [1, 2, 3, 24, 168]", "\"step\": 3600.0", "\"timeColumn\": \"at\"");
    try (TrainedModel loaded = new ForecastMlpType().load(folder, Device.CPU)) {
      Predictions after = loaded.predict(ahead);
      for (int r = 0; r < ahead.size(); r++) {
        assertThat(after.value(r)).isEqualTo(before.value(r));
      }
    }
  }

  @Test
  void theBatchsOwnTargetValuesAreIgnoredAndEachRowGetsTheForecastForItsTime() throws Exception {
    List<Object[]> history = sales(0, TRAIN, false);
    List<Object[]> future = sales(TRAIN, TRAIN + AHEAD, false);
    List<Column> inputs = List.of(AT, PROMO);
    try (TrainedModel model =
        new ForecastMlpType().train(data(inputs, history, params()), new KitContext())) {
      Predictions plain = model.predict(batch(inputs, future));
      // The same rows with absurd target values, in reverse order: the same forecasts.
      List<Object[]> odd = new ArrayList<>();
      for (Object[] row : future) {
        odd.add(new Object[] {row[0], row[1], 1e6});
      }
      java.util.Collections.reverse(odd);
      Predictions reversed = model.predict(batch(ALL, odd));
      for (int r = 0; r < AHEAD; r++) {
        assertThat(reversed.value(AHEAD - 1 - r)).isCloseTo(plain.value(r), within(1e-4));
      }
      // The second day alone: each row still gets the forecast for its own time, the first
      // day's steps taken with their promotions unknown, as if the batch had them empty.
      Predictions second = model.predict(batch(inputs, future.subList(24, AHEAD)));
      List<Object[]> unknownFirstDay = new ArrayList<>();
      for (int r = 0; r < AHEAD; r++) {
        Object[] row = future.get(r);
        unknownFirstDay.add(r < 24 ? new Object[] {row[0], null, null} : row);
      }
      Predictions both = model.predict(batch(inputs, unknownFirstDay));
      for (int r = 24; r < AHEAD; r++) {
        assertThat(second.value(r - 24)).isCloseTo(both.value(r), within(1e-4));
      }
      // A row without a timestamp gets the next step's forecast.
      DataBatch none = DataBatch.builder(inputs).row(null, future.get(0)[1]).build();
      assertThat(model.predict(none).value(0)).isCloseTo(plain.value(0), within(1e-4));
      // Rows inside the stored history get its one-step predictions: close to what happened.
      List<Object[]> past = history.subList(TRAIN - 100, TRAIN);
      double oneStep = mae(model.predict(batch(inputs, past)), past);
      System.out.printf("forecast-mlp, one step ahead inside the history: MAE %.3f%n", oneStep);
      assertThat(oneStep).isLessThan(2.0);
    }
  }

  static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  @Test
  void aDailySeriesWithAWeeklySeasonHasNoWeekOfWeeksLag(@TempDir Path folder) throws Exception {
    List<Object[]> rows = new ArrayList<>();
    Random random = new Random(3);
    for (int d = 0; d < 120; d++) {
      rows.add(
          new Object[] {
            START.plusSeconds(86400L * d), 0.0, (d % 7 >= 5 ? 30.0 : 10.0) + random.nextGaussian()
          });
    }
    try (TrainedModel model =
        new ForecastMlpType()
            .train(data(List.of(AT), rows, params("seasonLength", "7")), new KitContext())) {
      model.save(folder);
    }
    assertThat(Files.readString(folder.resolve("model.json")))
        .contains("\"lags\": [1, 2, 3, 7]", "\"step\": 86400.0");
  }

  @Test
  void whatCannotWorkIsInvalidInputThatSaysWhy() {
    assertInvalid(
        data(List.of(AT), sales(0, 40, false), params()),
        "the series is too short: 40 steps of 1 h, and lags up to 24 steps need at least 44");
    List<Object[]> irregular = new ArrayList<>();
    Random random = new Random(5);
    long t = 0;
    for (int i = 0; i < 200; i++) {
      t += 60 + random.nextInt(3600);
      irregular.add(new Object[] {START.plusSeconds(t), 0.0, 1.0 * i});
    }
    assertInvalid(data(List.of(AT), irregular, params()), "the series has no regular step");
    List<Object[]> sparse = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // Every hour for a while, then once a day: the median step is an hour.
      sparse.add(new Object[] {START.plusSeconds(i < 120 ? 3600L * i : 86400L * i), 0.0, 1.0});
    }
    assertInvalid(data(List.of(AT), sparse, params()), "fill only");
    List<Object[]> backwards = new ArrayList<>(sales(0, 100, false));
    java.util.Collections.swap(backwards, 10, 11);
    assertInvalid(data(List.of(AT), backwards, params()), "not in time order");
    assertInvalid(
        data(List.of(AT, SALES), sales(0, 100, false), params()), "cannot also be a feature");
    assertInvalid(
        data(Task.FORECASTING, SALES, List.of(PROMO), null, sales(0, 100, false), params()),
        "choose the timestamp column");
    assertInvalid(
        data(Task.FORECASTING, PROMO, List.of(AT), "promo", sales(0, 100, false), params()),
        "cannot also be the time column");
    Column label = new Column("sales", ColumnKind.CATEGORY);
    assertInvalid(
        data(Task.FORECASTING, label, List.of(AT), "at", sales(0, 100, false), params()),
        "forecasting predicts a number");
    assertInvalid(
        data(Task.REGRESSION, SALES, List.of(AT), "at", sales(0, 100, false), params()),
        "cannot learn REGRESSION");
    assertInvalid(
        data(List.of(AT), sales(0, 100, false), params("seasonLength", "-1")),
        "Season length (steps) must be between 0 and 10080");
    assertInvalid(
        data(List.of(AT), sales(0, 100, false), params("lags", "0")),
        "Recent steps must be between 1 and 200");
    List<Object[]> once = List.of(new Object[] {START, 0.0, 1.0}, new Object[] {START, 0.0, 2.0});
    assertInvalid(data(List.of(AT), once, params()), "at least two different timestamps");
  }

  @Test
  void aRowTooFarAheadIsRefusedWithTheLimit() throws Exception {
    try (TrainedModel model =
        new ForecastMlpType()
            .train(
                data(List.of(AT), sales(0, 100, false), params("seasonLength", "0", "epochs", "1")),
                new KitContext())) {
      DataBatch far =
          DataBatch.builder(List.of(AT)).row(START.plusSeconds(3600L * (99 + 50_001))).build();
      assertThatThrownBy(() -> model.predict(far))
          .isInstanceOf(ModelException.class)
          .hasMessageContaining("50001 steps of 1 h after the end of the training history")
          .hasMessageContaining("at most 50000 steps ahead");
      // Far ahead, without a season to hold on to: still within the training range widened by
      // that range on each side, however the recursion went.
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (Object[] row : sales(0, 100, false)) {
        min = Math.min(min, (double) row[2]);
        max = Math.max(max, (double) row[2]);
      }
      DataBatch.Builder edge = DataBatch.builder(List.of(AT));
      for (int h = 1; h <= 2_000; h += 50) {
        edge.row(START.plusSeconds(3600L * (99 + h)));
      }
      Predictions p = model.predict(edge.build());
      for (int r = 0; r < p.size(); r++) {
        assertThat(p.value(r)).isBetween(min - (max - min), max + (max - min));
      }
    }
  }

  @Test
  void theSameRunWritesTheSameBytes(@TempDir Path a, @TempDir Path b) throws Exception {
    for (Path folder : List.of(a, b)) {
      try (TrainedModel model =
          new ForecastMlpType()
              .train(
                  data(List.of(AT, PROMO), sales(0, 300, true), params("epochs", "3")),
                  new KitContext())) {
        model.save(folder);
      }
    }
    for (String file :
        List.of("model.properties", "model.json", "encoder.json", "mlp-0000.params")) {
      assertThat(Files.readAllBytes(b.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(a.resolve(file)));
    }
  }

  @Test
  void anotherTypesArtifactIsRefused(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("model.properties"), "format=1\ntype=tabular-mlp\n");
    assertThatThrownBy(() -> new ForecastMlpType().load(folder, Device.CPU))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("tabular-mlp")
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.FAILED);
  }

  private static void assertInvalid(KitTrainingData data, String message) {
    assertThatThrownBy(() -> new ForecastMlpType().train(data, new KitContext()).close())
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(message)
        .satisfies(
            t ->
                assertThat(((ModelException) t).kind())
                    .as(t.getMessage())
                    .isEqualTo(ModelException.Kind.INVALID_INPUT));
  }
}
