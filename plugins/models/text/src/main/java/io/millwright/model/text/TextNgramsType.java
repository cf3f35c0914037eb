package io.millwright.model.text;

import io.millwright.model.support.Devices;
import io.millwright.model.support.ExampleSource;
import io.millwright.model.support.FeatureEncoder;
import io.millwright.model.support.MlpTrainer;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingContext;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Text classification for routing emails, tickets and order notes: the TEXT columns hashed into a
 * fixed number of n-gram features ({@link TextHasher}, saved with the model), optionally category,
 * number and true/false columns beside them ({@link FeatureEncoder}), then a small MLP or a linear
 * softmax (DJL on PyTorch, provided by the host) trained by the shared {@link MlpTrainer}.
 *
 * <p>Memory stays bounded whatever the number of buckets: rows are kept sparse (a few hundred
 * non-zeros each) and made dense only in small chunks for the network; when even the sparse rows
 * would pass {@link #cacheEntries} non-zeros, they are not kept but hashed again from the host's
 * batches on every epoch. Stateless: every run keeps its state in its own objects.
 */
@Extension
public class TextNgramsType implements ModelType {

  static final String ID = "text-ngrams";
  static final String VERSION = "1.0.0";

  static final String EPOCHS = "epochs";
  static final String BUCKETS = "buckets";
  static final String NGRAMS = "ngrams";
  static final String HIDDEN_LAYERS = "hiddenLayers";
  static final String LEARNING_RATE = "learningRate";
  static final String BATCH_SIZE = "batchSize";
  static final String PATIENCE = "earlyStoppingPatience";

  static final String LINEAR = "none";
  static final List<String> LAYER_CHOICES = List.of(LINEAR, "32", "64", "128", "64,32", "128,64");

  /**
   * The largest first layer allowed (inputs × units): 16M weights is 64 MB of floats, about four
   * times that with gradients and the optimizer's state.
   */
  static final long MAX_FIRST_LAYER = 1L << 24;

  /** Sparse entries kept in memory for training and validation together (8 bytes each). */
  static final long CACHE_ENTRIES = 16L << 20;

  /** The trainer's shuffle buffer (dense floats): 64 MB. */
  static final long TRAINER_BUFFER_FLOATS = 16L << 20;

  /** Dense floats per chunk handed to the trainer or the network (4 MB). */
  static final int CHUNK_FLOATS = 1 << 20;

  private static final ModelTypeDescriptor DESCRIPTOR =
      new ModelTypeDescriptor(
          ID,
          VERSION,
          "Text classifier (n-grams)",
          "Routes free text (emails, support tickets, order notes) to a class such as a team or a"
              + " category. The text is lowercased and normalized, split into words, and its"
              + " words, word pairs and character 3-grams (which tolerate misspellings) are hashed"
              + " into a fixed number of features, all inside the model; a small neural network"
              + " (or a linear classifier) learns from them. Category and number columns can be"
              + " added beside the text. Works from a few hundred labelled texts; trains in"
              + " seconds to minutes on a CPU.",
          Set.of(Task.TEXT_CLASSIFICATION),
          Set.of(ColumnKind.TEXT, ColumnKind.CATEGORY, ColumnKind.NUMBER, ColumnKind.BOOLEAN),
          List.of(
              HyperParameter.integer(
                  EPOCHS,
                  "Epochs",
                  20,
                  1,
                  500,
                  "Passes over the training texts. More can fit better and takes longer; early"
                      + " stopping ends training sooner when the validation loss stops"
                      + " improving."),
              HyperParameter.integer(
                  BUCKETS,
                  "Hash buckets",
                  16384,
                  1024,
                  262144,
                  "How many features the words and n-grams are hashed into. More buckets mean"
                      + " fewer unrelated n-grams sharing a feature (better with large"
                      + " vocabularies), and a bigger, slower model."),
              HyperParameter.choice(
                  NGRAMS,
                  "N-grams",
                  TextHasher.Ngrams.WORDS_BIGRAMS_CHARS.id,
                  TextHasher.Ngrams.ids(),
                  "Which features a text gives: single words; words and pairs of neighbouring"
                      + " words; or also character 3-grams of every word, which tolerate"
                      + " misspellings and word forms (\"refund\", \"refnd\", \"refunded\")."),
              HyperParameter.choice(
                  HIDDEN_LAYERS,
                  "Hidden layers",
                  "32",
                  LAYER_CHOICES,
                  "Neurons in each hidden layer, first to last; \"none\" is a linear classifier"
                      + " (softmax regression), often enough for text and the fastest."),
              HyperParameter.decimal(
                  LEARNING_RATE,
                  "Learning rate",
                  0.01,
                  0.0001,
                  0.1,
                  "The step size of the Adam optimizer. Lower is slower and steadier; too high"
                      + " makes training unstable."),
              HyperParameter.integer(
                  BATCH_SIZE,
                  "Batch size",
                  32,
                  8,
                  1024,
                  "Texts per optimizer step. Smaller batches take more (noisier) steps per"
                      + " epoch; larger ones are faster per text."),
              HyperParameter.integer(
                  PATIENCE,
                  "Early stopping patience",
                  5,
                  0,
                  500,
                  "Stop after this many epochs without a better validation loss and keep the"
                      + " best epoch's weights; 0 trains every epoch.")),
          true); // 16,384-wide hashed inputs train faster on a GPU when granted

  private final long cacheEntries;

  public TextNgramsType() {
    this(CACHE_ENTRIES);
  }

  /** A type keeping at most this many sparse entries in memory (tests use a tiny budget). */
  TextNgramsType(long cacheEntries) {
    this.cacheEntries = cacheEntries;
  }

  @Override
  public ModelTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    TrainingSpec spec = data.spec();
    if (spec.task() != Task.TEXT_CLASSIFICATION) {
      throw ModelException.invalidInput(
          "the text classifier learns TEXT_CLASSIFICATION, not " + spec.task());
    }
    Column target = spec.target();
    if (target == null) {
      throw ModelException.invalidInput("choose the column to predict");
    }
    List<Column> others = new ArrayList<>();
    boolean anyText = false;
    for (Column f : spec.features()) {
      if (f.name().equals(target.name())) {
        throw ModelException.invalidInput(
            "the column to predict, " + target.name() + ", cannot also be a feature");
      }
      if (!DESCRIPTOR.featureKinds().contains(f.kind())) {
        throw ModelException.invalidInput(
            "column "
                + f.name()
                + " ("
                + f.kind()
                + ") cannot be a feature of the text classifier");
      }
      if (f.kind() == ColumnKind.TEXT) {
        anyText = true;
      } else {
        others.add(f);
      }
    }
    if (!anyText) {
      throw ModelException.invalidInput(
          "the text classifier needs at least one free-text (TEXT) feature column");
    }
    Settings settings = Settings.of(spec);
    ai.djl.Device device = Devices.of(context.device(), context.log());

    Classes classes = Classes.fit(target, data.training());
    FeatureEncoder extra = others.isEmpty() ? null : FeatureEncoder.fit(others, data.training());
    TextHasher hasher =
        new TextHasher(settings.buckets(), settings.ngrams(), true, TextHasher.DEFAULT_SEED);
    TextFeatures features = new TextFeatures(spec.features(), hasher, extra);
    int width = features.width();

    long[] budget = {cacheEntries};
    SparseRows training = cache(data.training(), features, classes, budget, context);
    SparseRows validation = cache(data.validation(), features, classes, budget, context);
    context.log().log(
        Level.INFO,
        "{0}: {1} training rows, {2} classes, {3} features ({4} hashed buckets, {5}), {6}; training"
            + " rows {7}, validation rows {8}; on {9}",
        ID,
        data.trainingRows(),
        classes.size(),
        width,
        settings.buckets(),
        settings.ngrams().id,
        settings.hidden().isEmpty() ? "linear" : "hidden layers " + settings.hidden(),
        training == null ? "hashed again every epoch" : "kept sparse (" + training.rows() + ")",
        validation == null ? "hashed again every epoch" : "kept sparse (" + validation.rows() + ")",
        device);

    MlpTrainer trainer =
        new MlpTrainer(
            MlpTrainer.Objective.CLASSIFICATION,
            width,
            classes.size(),
            settings.trainer(spec.seed()));
    Random order = new Random(spec.seed() * 0x9E3779B97F4A7C15L + 1);
    MlpTrainer.Result result =
        trainer.train(
            training == null
                ? streamed(data.training(), features, classes)
                : cached(training, width, order),
            validation == null
                ? streamed(data.validation(), features, classes)
                : cached(validation, width, null),
            context,
            device);
    return new TextModel(features, classes, result.mlp(), spec.hyperParameters());
  }

  /**
   * The encoded rows with a known class, kept sparse; null when they would pass what is left of the
   * budget (which they then do not use).
   */
  private static SparseRows cache(
      Iterable<DataBatch> batches,
      TextFeatures features,
      Classes classes,
      long[] budget,
      TrainingContext context)
      throws ModelException {
    SparseRows rows = new SparseRows(budget[0]);
    for (DataBatch batch : batches) {
      if (context.cancelled()) {
        throw ModelException.cancelled();
      }
      if (!features.encode(batch, classes.encode(batch), rows, null)) {
        return null;
      }
    }
    budget[0] -= rows.entries();
    return rows;
  }

  /** Kept rows, in a new seeded order on every pass when {@code order} is given. */
  private static ExampleSource cached(SparseRows rows, int width, Random order) {
    int chunk = Math.max(1, CHUNK_FLOATS / width);
    return sink -> {
      int n = rows.rows();
      int[] permutation = null;
      if (order != null) {
        permutation = new int[n];
        for (int i = 0; i < n; i++) {
          permutation[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
          int j = order.nextInt(i + 1);
          int t = permutation[i];
          permutation[i] = permutation[j];
          permutation[j] = t;
        }
      }
      for (int from = 0; from < n; from += chunk) {
        sink.accept(rows.dense(permutation, from, Math.min(n, from + chunk), width));
      }
    };
  }

  /** The host's batches hashed again on every pass, in their order. */
  private static ExampleSource streamed(
      Iterable<DataBatch> batches, TextFeatures features, Classes classes) {
    int width = features.width();
    int chunk = Math.max(1, CHUNK_FLOATS / width);
    return sink -> {
      for (DataBatch batch : batches) {
        SparseRows rows = new SparseRows();
        if (!features.encode(batch, classes.encode(batch), rows, null)) {
          throw ModelException.failed("a batch of " + batch.size() + " rows is too big", null);
        }
        for (int from = 0; from < rows.rows(); from += chunk) {
          sink.accept(rows.dense(null, from, Math.min(rows.rows(), from + chunk), width));
        }
      }
    };
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return TextModel.load(
        folder, Devices.of(device, System.getLogger(TextNgramsType.class.getName())));
  }

  /** The hyperparameters of a run, checked against their ranges. */
  record Settings(
      int epochs,
      int buckets,
      TextHasher.Ngrams ngrams,
      List<Integer> hidden,
      double learningRate,
      int batchSize,
      int patience) {

    static Settings of(TrainingSpec spec) throws ModelException {
      for (HyperParameter h : DESCRIPTOR.hyperParameters()) {
        String value = spec.hyperParameters().get(h.name());
        String problem = value == null ? "is not set" : h.problemWith(value);
        if (problem != null) {
          throw ModelException.invalidInput(h.label() + " " + problem);
        }
      }
      Settings s =
          new Settings(
              spec.intParameter(EPOCHS),
              spec.intParameter(BUCKETS),
              TextHasher.Ngrams.of(spec.parameter(NGRAMS)),
              layers(spec.parameter(HIDDEN_LAYERS)),
              spec.doubleParameter(LEARNING_RATE),
              spec.intParameter(BATCH_SIZE),
              spec.intParameter(PATIENCE));
      long firstLayer = (long) s.buckets() * (s.hidden().isEmpty() ? 1 : s.hidden().get(0));
      if (firstLayer > MAX_FIRST_LAYER) {
        throw ModelException.invalidInput(
            s.buckets()
                + " hash buckets with a first hidden layer of "
                + s.hidden().get(0)
                + " neurons is too big a network ("
                + firstLayer
                + " weights, at most "
                + MAX_FIRST_LAYER
                + "): choose fewer buckets or a smaller first layer");
      }
      return s;
    }

    MlpTrainer.Settings trainer(long seed) {
      return new MlpTrainer.Settings(
          hidden, epochs, learningRate, batchSize, patience, seed, TRAINER_BUFFER_FLOATS);
    }
  }

  /** Layer sizes from a choice: {@code none} is no hidden layer (a linear classifier). */
  static List<Integer> layers(String text) {
    if (text.strip().equals(LINEAR)) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add(Integer.parseInt(part.strip()));
    }
    return out;
  }

  static Map<String, String> defaults() {
    Map<String, String> out = new HashMap<>();
    DESCRIPTOR.hyperParameters().forEach(h -> out.put(h.name(), h.defaultValue()));
    return out;
  }
}
