package io.millwright.plugin.api.model.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every model type must keep, for one task it declares: extend it in the plugin's
 * tests (one subclass per task) and it trains on data with a known answer, checks the result beats
 * the naive baseline clearly, that the same seed gives the same model, that a saved model loads and
 * predicts the same, that cancellation stops training, that progress is reported, and that missing
 * values give predictions rather than errors.
 *
 * <p>A type that imports a trained model instead of learning ({@link
 * ModelTypeDescriptor#importsModel()}, API 1.3) runs the same contract with the file its test
 * supplies ({@link #suppliedModel()}), which must know the known answer: the kit hands it to every
 * run, checks that a run without it is refused, and, since an import is a single step, cancels
 * before that step rather than after the first epoch.
 */
public abstract class ModelTypeContract {

  protected static final long SEED = 20261130L;

  /** The model type under test. */
  protected abstract ModelType modelType();

  /** The task to test it on; it must be one the type declares. */
  protected abstract Task task();

  /** Hyperparameters that differ from the defaults for these tests (e.g. fewer epochs). */
  protected Map<String, String> hyperParameters() {
    return Map.of();
  }

  /**
   * For a type that imports a model: the file to supply with every run, made to know this task's
   * known answer (its features are those of {@link KnownAnswer#forTask(Task, Map, long, Set)}).
   * Empty for a type that learns.
   */
  protected Optional<Path> suppliedModel() {
    return Optional.empty();
  }

  /** A context as the host gives it, never cancelling, with {@link #suppliedModel()}. */
  protected final KitContext context() {
    return context(Integer.MAX_VALUE);
  }

  /** A context that cancels after this many epochs, with {@link #suppliedModel()}. */
  protected final KitContext context(int cancelAfterEpochs) {
    return new KitContext(cancelAfterEpochs, suppliedModel().orElse(null));
  }

  private boolean importsModel() {
    return modelType().descriptor().importsModel();
  }

  /** Every hyperparameter resolved, the way the host passes them. */
  protected final Map<String, String> resolved() {
    Map<String, String> all = new HashMap<>();
    for (HyperParameter h : modelType().descriptor().hyperParameters()) {
      all.put(h.name(), h.defaultValue());
    }
    all.putAll(hyperParameters());
    return all;
  }

  private KnownAnswer known(long seed) {
    return KnownAnswer.forTask(task(), resolved(), seed, modelType().descriptor().featureKinds());
  }

  @Test
  void theDescriptorIsCompleteAndItsDefaultsAreAllowed() {
    ModelTypeDescriptor d = modelType().descriptor();
    assertThat(d.tasks()).contains(task());
    assertThat(d.version()).isNotBlank();
    assertThat(d.description()).as("a description people can read").isNotBlank();
    for (HyperParameter h : d.hyperParameters()) {
      assertThat(h.problemWith(h.defaultValue())).as(h.name()).isNull();
      assertThat(h.description()).as("help for " + h.name()).isNotBlank();
    }
    for (Map.Entry<String, String> e : hyperParameters().entrySet()) {
      HyperParameter h = d.hyperParameter(e.getKey());
      assertThat(h).as("the test sets an undeclared hyperparameter " + e.getKey()).isNotNull();
      assertThat(h.problemWith(e.getValue())).isNull();
    }
    assertThat(suppliedModel().isPresent())
        .as("the test supplies a model file exactly when the type imports one")
        .isEqualTo(d.importsModel());
  }

  @Test
  void anImportingTypeRefusesARunWithoutItsFile() {
    assumeTrue(importsModel(), "the type learns; it needs no file");
    KnownAnswer k = known(SEED);
    assertThatThrownBy(() -> modelType().train(k.data(), new KitContext()).close())
        .isInstanceOf(ModelException.class)
        .satisfies(
            e -> {
              assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.INVALID_INPUT);
              assertThat(e.getMessage()).as("a message for the person").isNotBlank();
            });
  }

  @Test
  void itLearnsTheKnownAnswerClearlyBetterThanTheNaiveBaseline() throws Exception {
    KnownAnswer k = known(SEED);
    try (TrainedModel model = modelType().train(k.data(), context())) {
      Predictions p = model.predict(k.validation());
      assertThat(p.size()).isEqualTo(k.validation().size());
      double score = k.scorer().score(p, k.validation());
      System.out.printf(
          "%s on %s: %s %.4f, naive baseline %.4f%n",
          modelType().descriptor().id(), task(), k.metric(), score, k.baseline());
      assertThat(k.better().clearlyBetter(score, k.baseline()))
          .as("%s %.4f against the naive baseline %.4f", k.metric(), score, k.baseline())
          .isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameModel() throws Exception {
    KnownAnswer k = known(SEED);
    double[] first = predictions(k, context());
    double[] second = predictions(k, context());
    assertThat(second).as("same data, seed and hyperparameters").containsExactly(first);
  }

  @Test
  void aSavedModelLoadsAndPredictsTheSame() throws Exception {
    KnownAnswer k = known(SEED);
    Path folder = Files.createTempDirectory("model-artifact-");
    Predictions before;
    try (TrainedModel model = modelType().train(k.data(), context())) {
      before = model.predict(k.validation());
      model.save(folder);
      assertThat(model.signature().task()).isEqualTo(task());
      List<String> inputs = model.signature().inputs().stream().map(Column::name).toList();
      assertThat(inputs)
          .containsExactlyElementsOf(
              k.data().spec().features().stream().map(Column::name).toList());
    }
    try (Stream files = new Stream(folder)) {
      assertThat(files.count()).as("the artifact has files").isPositive();
    }
    try (TrainedModel loaded = modelType().load(folder, Device.CPU)) {
      Predictions after = loaded.predict(k.validation());
      assertThat(flatten(after)).containsExactly(flatten(before));
    }
  }

  @Test
  void cancellingStopsTraining() throws Exception {
    KnownAnswer k = known(SEED);
    if (importsModel()) {
      // An import is one step: a cancel that is there before it must stop it.
      KitContext cancelled = context(0);
      assertThatThrownBy(() -> modelType().train(k.data(), cancelled).close())
          .isInstanceOf(ModelException.class)
          .satisfies(
              e ->
                  assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CANCELLED));
      assertThat(cancelled.epochs().size()).isLessThanOrEqualTo(1);
      return;
    }
    KitContext cancelling = context(1);
    assertThatThrownBy(() -> modelType().train(k.data(), cancelling).close())
        .isInstanceOf(ModelException.class)
        .satisfies(
            e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CANCELLED));
    List<KitContext.Epoch> done = cancelling.epochs();
    assertThat(done).isNotEmpty();
    assertThat(done.size())
        .as("stopped after the epoch that saw the cancel")
        .isLessThanOrEqualTo(2);
    assertThat(done.get(0).epochs()).as("more epochs were planned").isGreaterThan(done.size());
  }

  @Test
  void progressIsReportedEpochByEpoch() throws Exception {
    KnownAnswer k = known(SEED);
    KitContext context = context();
    modelType().train(k.data(), context).close();
    List<KitContext.Epoch> epochs = context.epochs();
    assertThat(epochs).isNotEmpty();
    for (int i = 0; i < epochs.size(); i++) {
      assertThat(epochs.get(i).epoch()).isEqualTo(i + 1);
      assertThat(epochs.get(i).epochs()).isGreaterThanOrEqualTo(epochs.get(i).epoch());
      assertThat(epochs.get(i).metrics()).as("epoch %d reports a metric", i + 1).isNotEmpty();
    }
  }

  @Test
  void missingValuesAndUnseenCategoriesStillGetPredictions() throws Exception {
    KnownAnswer k = known(SEED);
    List<Column> columns = k.validation().columns();
    DataBatch.Builder odd = DataBatch.builder(columns);
    Object[] empty = new Object[columns.size()];
    odd.row(empty);
    Object[] strange = new Object[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      strange[c] = columns.get(c).kind().numeric() ? (Object) 1e9 : "never-seen-before";
    }
    odd.row(strange);
    try (TrainedModel model = modelType().train(k.data(), context())) {
      Predictions p = model.predict(odd.build());
      assertThat(p.size()).isEqualTo(2);
      if (p.hasLabels()) {
        assertThat(model.signature().labels()).contains(p.label(0), p.label(1));
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private double[] predictions(KnownAnswer k, KitContext context) throws Exception {
    try (TrainedModel model = modelType().train(k.data(), context)) {
      return flatten(model.predict(k.validation()));
    }
  }

  /** Every number a prediction holds (labels by their hash), to compare two exactly. */
  static double[] flatten(Predictions p) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      out.add(p.value(i));
      if (p.hasLabels()) {
        out.add((double) p.label(i).hashCode());
      }
      if (p.hasFlags()) {
        out.add(p.flagged(i) ? 1.0 : 0.0);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The files of a folder, closed after use. */
  private static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> files;

    Stream(Path folder) throws java.io.IOException {
      this.files = Files.list(folder);
    }

    long count() {
      return files.count();
    }

    @Override
    public void close() {
      files.close();
    }
  }
}
