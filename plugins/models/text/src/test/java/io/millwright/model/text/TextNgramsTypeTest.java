package io.millwright.model.text;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond the kit: routing real-looking tickets, empty texts, extra columns, the artifact, refusals.
 */
class TextNgramsTypeTest {

  static Map<String, String> params(String... overrides) {
    Map<String, String> p = new HashMap<>(TextNgramsType.defaults());
    for (int i = 0; i < overrides.length; i += 2) {
      p.put(overrides[i], overrides[i + 1]);
    }
    return p;
  }

  static KitTrainingData tickets(List<Column> features, Map<String, String> hp) {
    return new KitTrainingData(
        new TrainingSpec(Task.TEXT_CLASSIFICATION, Tickets.TEAM, features, null, hp, 7L),
        Tickets.training(),
        List.of());
  }

  /** The share of held-out tickets routed to their team. */
  static double routed(TrainedModel model, String how) throws ModelException {
    DataBatch held = Tickets.heldOut();
    Predictions p = model.predict(held);
    String[] truth = held.strings("team");
    int right = 0;
    for (int i = 0; i < truth.length; i++) {
      right += truth[i].equals(p.label(i)) ? 1 : 0;
    }
    double share = right / (double) truth.length;
    System.out.printf("text-ngrams (%s) routed %.3f of the held-out tickets%n", how, share);
    return share;
  }

  @Test
  void routesUnseenMisspelledTicketsToTheirTeamAndEmptyOnesToTheMostCommonTeam() throws Exception {
    try (TrainedModel model =
        new TextNgramsType().train(tickets(List.of(Tickets.TEXT), params()), new KitContext())) {
      assertThat(model.signature().labels()).containsExactly("billing", "shipping", "technical");
      assertThat(model.signature().inputs()).containsExactly(Tickets.TEXT);
      double routed = routed(model, "defaults");
      assertThat(routed).as("held-out tickets routed right (baseline 1/3)").isGreaterThan(0.8);

      DataBatch.Builder odd = DataBatch.builder(List.of(Tickets.TEXT));
      odd.row((Object) null).row("").row(" ?! -- ").row("refnud plz");
      Predictions p = model.predict(odd.build());
      for (int r = 0; r < 3; r++) {
        assertThat(p.label(r)).as("nothing to read: the most common team").isEqualTo("shipping");
        assertThat(p.value(r)).isEqualTo(31.0 / 91);
      }
      assertThat(p.label(3)).as("a misspelled refund").isEqualTo("billing");
      assertThat(p.value(3)).isBetween(1.0 / 3, 1.0);
    }
  }

  @Test
  void anExtraCategoryColumnIsEncodedBesideTheTextAndSavedWithIt(@TempDir Path a, @TempDir Path b)
      throws Exception {
    KitTrainingData data = tickets(List.of(Tickets.TEXT, Tickets.CHANNEL), params("epochs", "8"));
    DataBatch held = Tickets.heldOut();
    Predictions before;
    try (TrainedModel model = new TextNgramsType().train(data, new KitContext())) {
      assertThat(model.signature().inputs()).containsExactly(Tickets.TEXT, Tickets.CHANNEL);
      assertThat(routed(model, "text and channel, 8 epochs")).isGreaterThan(0.8);
      before = model.predict(held);
      model.save(a);
    }
    try (Stream<Path> files = Files.list(a)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "model.properties", "model.json", "text.json", "encoder.json", "mlp-0000.params");
    }
    assertThat(Files.readString(a.resolve("model.properties")))
        .contains(
            "format=1",
            "type=text-ngrams",
            "typeVersion=1.0.0",
            "task=TEXT_CLASSIFICATION",
            "network=mlp-0000.params")
        .doesNotContain("#2");
    assertThat(Files.readString(a.resolve("text.json")))
        .contains(
            "\"columns\": [\"text\"]",
            "\"ngrams\": \"words+bigrams+chars\"",
            "\"hash\": \"murmur3_x86_32\"",
            "\"seed\": " + TextHasher.DEFAULT_SEED,
            "\"buckets\": 16384",
            "\"signed\": true");
    assertThat(Files.readString(a.resolve("model.json")))
        .contains(
            "\"labels\": [\"billing\", \"shipping\", \"technical\"]",
            "\"counts\": [30, 31, 30]",
            "\"inputs\": 16387",
            "\"hidden\": [32]");
    try (TrainedModel loaded = new TextNgramsType().load(a, Device.gpu(0))) {
      assertThat(loaded.signature().inputs()).containsExactly(Tickets.TEXT, Tickets.CHANNEL);
      Predictions after = loaded.predict(held);
      for (int r = 0; r < held.size(); r++) {
        assertThat(after.label(r)).isEqualTo(before.label(r));
        assertThat(after.value(r)).isEqualTo(before.value(r));
      }
      // With a category beside it, an empty text is the network's call on the channel alone.
      DataBatch.Builder empty = DataBatch.builder(List.of(Tickets.TEXT, Tickets.CHANNEL));
      empty.row(null, "phone").row(null, null);
      assertThat(loaded.predict(empty.build()).size()).isEqualTo(2);
    }
    try (TrainedModel again = new TextNgramsType().train(data, new KitContext())) {
      again.save(b);
    }
    for (String file :
        List.of("model.properties", "model.json", "text.json", "encoder.json", "mlp-0000.params")) {
      assertThat(Files.readAllBytes(b.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(a.resolve(file)));
    }
  }

  @Test
  void rowsTooManyToKeepAreHashedAgainEveryEpochWithTheSameResult() throws Exception {
    KitTrainingData data = tickets(List.of(Tickets.TEXT), params("epochs", "12"));
    double[] first = null;
    for (int run = 0; run < 2; run++) {
      try (TrainedModel model = new TextNgramsType(0).train(data, new KitContext())) {
        assertThat(routed(model, "hashed every epoch, 12 epochs")).isGreaterThan(0.8);
        Predictions p = model.predict(Tickets.heldOut());
        double[] values = new double[p.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = p.value(i) + p.label(i).hashCode();
        }
        if (first == null) {
          first = values;
        } else {
          assertThat(values).containsExactly(first);
        }
      }
    }
  }

  @Test
  void whatCannotWorkIsInvalidInputThatSaysWhy() {
    Column at = new Column("at", ColumnKind.TIMESTAMP);
    assertInvalid(tickets(List.of(Tickets.CHANNEL), params()), "at least one free-text (TEXT)");
    assertInvalid(tickets(List.of(Tickets.TEXT, at), params()), "cannot be a feature");
    assertInvalid(tickets(List.of(Tickets.TEXT, Tickets.TEAM), params()), "cannot also be");
    DataBatch.Builder one = DataBatch.builder(Tickets.COLUMNS);
    one.row("my parcel is late", "web", "shipping").row("where is it", "web", "shipping");
    one.row("hello", "web", null);
    assertInvalid(
        new KitTrainingData(
            new TrainingSpec(
                Task.TEXT_CLASSIFICATION, Tickets.TEAM, List.of(Tickets.TEXT), null, params(), 1L),
            List.of(one.build()),
            List.of()),
        "only the value shipping");
    assertInvalid(
        new KitTrainingData(
            new TrainingSpec(
                Task.MULTICLASS_CLASSIFICATION,
                Tickets.TEAM,
                List.of(Tickets.TEXT),
                null,
                params(),
                1L),
            Tickets.training(),
            List.of()),
        "not MULTICLASS_CLASSIFICATION");
    assertInvalid(tickets(List.of(Tickets.TEXT), params("ngrams", "letters")), "N-grams must be");
    assertInvalid(
        tickets(List.of(Tickets.TEXT), params("buckets", "100")),
        "Hash buckets must be between 1024 and 262144");
    assertInvalid(
        tickets(List.of(Tickets.TEXT), params("buckets", "262144", "hiddenLayers", "128")),
        "choose fewer buckets or a smaller first layer");
  }

  @Test
  void anotherTypesArtifactIsRefused(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("model.properties"), "format=1\ntype=tabular-mlp\n");
    assertThatThrownBy(() -> new TextNgramsType().load(folder, Device.CPU))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("tabular-mlp")
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.FAILED);
    assertThatThrownBy(() -> new TextNgramsType().load(folder.resolve("none"), Device.CPU))
        .isInstanceOf(ModelException.class);
  }

  private static void assertInvalid(KitTrainingData data, String message) {
    assertThatThrownBy(() -> new TextNgramsType().train(data, new KitContext()).close())
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(message)
        .satisfies(
            t ->
                assertThat(((ModelException) t).kind())
                    .as(t.getMessage())
                    .isEqualTo(ModelException.Kind.INVALID_INPUT));
  }
}
