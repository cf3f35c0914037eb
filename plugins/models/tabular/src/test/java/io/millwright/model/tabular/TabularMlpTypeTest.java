package io.millwright.model.tabular;

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

/** Beyond the kit: the other column kinds, the artifact, and what the type refuses. */
class TabularMlpTypeTest {

  static final Column AT = new Column("at", ColumnKind.TIMESTAMP);
  static final Column WEEKEND = new Column("weekend", ColumnKind.BOOLEAN);
  static final Column LOAD = new Column("load", ColumnKind.NUMBER);
  static final Column LATE = new Column("late", ColumnKind.BOOLEAN);
  static final Column SHIFT = new Column("shift", ColumnKind.CATEGORY);
  static final List<Column> ALL = List.of(AT, WEEKEND, LOAD, LATE, SHIFT);

  /** Deliveries are late when it is the weekend or the load is high; some values missing. */
  static List<DataBatch> deliveries(int rows, long seed) {
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    DataBatch.Builder b = DataBatch.builder(ALL);
    for (int i = 0; i < rows; i++) {
      boolean weekend = random.nextInt(7) >= 5;
      double load = random.nextDouble() * 100;
      boolean late = weekend || load > 70;
      b.row(
          start.plusSeconds(3600L * i),
          i % 23 == 0 ? null : weekend,
          i % 31 == 0 ? null : load,
          late,
          random.nextBoolean() ? "day" : "night");
    }
    DataBatch all = b.build();
    List<DataBatch> out = new ArrayList<>();
    for (int from = 0; from < rows; from += 100) {
      out.add(all.slice(from, Math.min(rows, from + 100)));
    }
    return out;
  }

  static Map<String, String> params(String... overrides) {
    Map<String, String> p = new HashMap<>(TabularMlpType.defaults());
    p.put("epochs", "12");
    for (int i = 0; i < overrides.length; i += 2) {
      p.put(overrides[i], overrides[i + 1]);
    }
    return p;
  }

  static KitTrainingData data(
      Task task, Column target, List<Column> features, Map<String, String> hp) {
    return new KitTrainingData(
        new TrainingSpec(task, target, features, null, hp, 99L),
        deliveries(600, 1),
        deliveries(200, 2));
  }

  @Test
  void aBooleanTargetFromTimestampsBooleansAndNumbers(@TempDir Path folder) throws Exception {
    KitTrainingData data =
        data(Task.BINARY_CLASSIFICATION, LATE, List.of(AT, WEEKEND, LOAD, SHIFT), params());
    DataBatch check = deliveries(200, 3).get(0);
    Predictions before;
    try (TrainedModel model = new TabularMlpType().train(data, new KitContext())) {
      assertThat(model.signature().labels()).containsExactly("false", "true");
      assertThat(model.signature().output()).isEqualTo(LATE);
      before = model.predict(check);
      double[] truth = check.numbers("late");
      int right = 0;
      for (int r = 0; r < check.size(); r++) {
        right += before.label(r).equals(truth[r] > 0 ? "true" : "false") ? 1 : 0;
        assertThat(before.value(r)).isBetween(0.5, 1.0);
      }
      assertThat(right / (double) check.size()).isGreaterThan(0.85);
      model.save(folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "model.properties", "model.json", "encoder.json", "mlp-0000.params");
    }
    assertThat(Files.readString(folder.resolve("model.properties")))
        .contains(
            "format=1",
            "type=tabular-mlp",
            "typeVersion=1.0.0",
            "task=BINARY_CLASSIFICATION",
            "network=mlp-0000.params")
        .doesNotContain("#2"); // no date line
    assertThat(Files.readString(folder.resolve("model.json")))
        .contains(
            "\"labels\": [\"false\", \"true\"]", "\"epochs\": \"12\"", "\"hidden\": [64, 32]");
    try (TrainedModel loaded = new TabularMlpType().load(folder, Device.gpu(0))) {
      Predictions after = loaded.predict(check);
      for (int r = 0; r < check.size(); r++) {
        assertThat(after.label(r)).isEqualTo(before.label(r));
        assertThat(after.value(r)).isEqualTo(before.value(r));
      }
    }
  }

  @Test
  void theSameRunWritesTheSameBytes(@TempDir Path a, @TempDir Path b) throws Exception {
    Map<String, String> hp = params("epochs", "3");
    for (Path folder : List.of(a, b)) {
      try (TrainedModel model =
          new TabularMlpType()
              .train(
                  data(Task.REGRESSION, LOAD, List.of(AT, WEEKEND, SHIFT), hp), new KitContext())) {
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
  void whatCannotWorkIsInvalidInputThatSaysWhy() {
    DataBatch.Builder same = DataBatch.builder(List.of(LOAD, SHIFT));
    same.row(1.0, "day").row(2.0, "day").row(3.0, null);
    assertInvalid(
        new KitTrainingData(
            new TrainingSpec(Task.BINARY_CLASSIFICATION, SHIFT, List.of(LOAD), null, params(), 1L),
            List.of(same.build()),
            List.of()),
        "only the value day");
    assertInvalid(
        data(Task.BINARY_CLASSIFICATION, LOAD, List.of(AT), params()),
        "two-class classification needs exactly two");
    assertInvalid(
        data(Task.REGRESSION, SHIFT, List.of(LOAD), params()), "regression predicts a number");
    assertInvalid(
        data(Task.REGRESSION, LOAD, List.of(LOAD, AT), params()), "cannot also be a feature");
    assertInvalid(
        data(Task.REGRESSION, LOAD, List.of(new Column("note", ColumnKind.TEXT)), params()),
        "cannot be a feature");
    assertInvalid(
        data(Task.REGRESSION, LOAD, List.of(AT), params("hiddenLayers", "1000,1000")),
        "Hidden layers must be one of");
    assertInvalid(
        data(Task.REGRESSION, LOAD, List.of(AT), params("learningRate", "5")),
        "Learning rate must be between 0.001 and 0.1");
    assertInvalid(data(Task.FORECASTING, LOAD, List.of(AT), params()), "cannot learn FORECASTING");
  }

  @Test
  void aMulticlassRunOnTwoClassesIsAllowed() throws Exception {
    try (TrainedModel model =
        new TabularMlpType()
            .train(
                data(Task.MULTICLASS_CLASSIFICATION, SHIFT, List.of(LOAD), params("epochs", "1")),
                new KitContext())) {
      assertThat(model.signature().labels()).containsExactly("day", "night");
    }
  }

  @Test
  void anotherTypesArtifactIsRefused(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("model.properties"), "format=1\ntype=centroid\n");
    assertThatThrownBy(() -> new TabularMlpType().load(folder, Device.CPU))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("centroid")
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.FAILED);
    assertThatThrownBy(() -> new TabularMlpType().load(folder.resolve("none"), Device.CPU))
        .isInstanceOf(ModelException.class);
  }

  private static void assertInvalid(KitTrainingData data, String message) {
    var thrown =
        assertThatThrownBy(() -> new TabularMlpType().train(data, new KitContext()).close())
            .isInstanceOf(ModelException.class)
            .satisfies(
                t ->
                    assertThat(((ModelException) t).kind())
                        .as(t.getMessage())
                        .isEqualTo(ModelException.Kind.INVALID_INPUT));
    if (message != null) {
      thrown.hasMessageContaining(message);
    }
  }
}
