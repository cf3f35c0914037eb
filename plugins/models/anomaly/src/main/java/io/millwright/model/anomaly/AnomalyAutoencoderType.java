package io.millwright.model.anomaly;

import io.millwright.model.support.Devices;
import io.millwright.model.support.ExampleSource;
import io.millwright.model.support.Examples;
import io.millwright.model.support.FeatureEncoder;
import io.millwright.model.support.Mlp;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Anomaly detection with an autoencoder (DJL on PyTorch, provided by the host): a network that
 * squeezes each row through a narrow bottleneck and rebuilds it, trained only to rebuild the
 * training rows (half squared error on the {@link FeatureEncoder}'s output). Rows like the many it
 * saw come back closely; a row that breaks their patterns (a reading that no longer follows the
 * others, an unusual combination) does not.
 *
 * <p>The network: encoded row → {@code hiddenSize} (ReLU) → {@code bottleneck} (linear) → {@code
 * hiddenSize} (ReLU) → encoded row. The threshold is learned on the training rows: the {@code
 * thresholdQuantile} quantile of their reconstruction errors (mean squared error per row over the
 * encoded features). A prediction's score is the row's error divided by the threshold (over 1 is
 * anomalous) and its verdict whether the error is over the threshold.
 *
 * <p>Learning is unlabeled only: the spec's target column, when there is one, marks known anomalies
 * for the host's evaluation and is never read here, neither as a feature nor to train or to set the
 * threshold. The training rows may hold some anomalies; the quantile assumes they are about {@code
 * 1 - thresholdQuantile} of them or fewer.
 *
 * <p>Stateless: every run keeps its state in its own objects.
 */
@Extension
public class AnomalyAutoencoderType implements ModelType {

  static final String ID = "anomaly-autoencoder";
  static final String VERSION = "1.0.0";

  static final String EPOCHS = "epochs";
  static final String BOTTLENECK = "bottleneck";
  static final String HIDDEN_SIZE = "hiddenSize";
  static final String LEARNING_RATE = "learningRate";
  static final String BATCH_SIZE = "batchSize";
  static final String THRESHOLD_QUANTILE = "thresholdQuantile";

  /** The score's column in the signature: error / threshold. */
  static final Column SCORE = new Column("anomaly_score", ColumnKind.NUMBER);

  private static final ModelTypeDescriptor DESCRIPTOR =
      new ModelTypeDescriptor(
          ID,
          VERSION,
          "Anomaly detection (autoencoder)",
          "Learns what normal rows look like, without labels, and flags the rows that do not fit:"
              + " a small neural network compresses each row and rebuilds it, and a row it"
              + " rebuilds badly breaks the patterns of the training data (a sensor reading that"
              + " no longer follows the others, an unusual combination of values). The threshold"
              + " is set so that a chosen share of the training rows (2% by default) lies above"
              + " it. A column that marks known anomalies is only used to evaluate, never to"
              + " learn. Numbers, categories, true/false and timestamps.",
          Set.of(Task.ANOMALY_DETECTION),
          Set.of(ColumnKind.NUMBER, ColumnKind.BOOLEAN, ColumnKind.CATEGORY, ColumnKind.TIMESTAMP),
          List.of(
              HyperParameter.integer(
                  EPOCHS,
                  "Epochs",
                  40,
                  1,
                  500,
                  "Passes over the training rows. More rebuilds normal rows more closely and"
                      + " takes longer; too many can also learn to rebuild the rare odd rows."),
              HyperParameter.integer(
                  BOTTLENECK,
                  "Bottleneck size",
                  0,
                  0,
                  256,
                  "Numbers each row is squeezed into. It must be smaller than the number of"
                      + " encoded features (one per number, true/false or timestamp, one per"
                      + " category value): the narrower, the more a row must follow the common"
                      + " patterns to be rebuilt. 0 chooses a quarter of the encoded features"
                      + " (at least 1)."),
              HyperParameter.integer(
                  HIDDEN_SIZE,
                  "Hidden layer size",
                  16,
                  2,
                  512,
                  "Neurons in the layer before and after the bottleneck. Wider learns more"
                      + " complex (curved) relationships between columns."),
              HyperParameter.decimal(
                  LEARNING_RATE,
                  "Learning rate",
                  0.005,
                  0.0001,
                  0.1,
                  "The step size of the Adam optimizer. Lower is slower and steadier; too high"
                      + " makes training unstable."),
              HyperParameter.integer(
                  BATCH_SIZE,
                  "Batch size",
                  64,
                  16,
                  1024,
                  "Rows per optimizer step. Smaller batches take more (noisier) steps per"
                      + " epoch; larger ones are faster per row."),
              HyperParameter.decimal(
                  THRESHOLD_QUANTILE,
                  "Threshold quantile",
                  0.98,
                  0.8,
                  0.9999,
                  "The share of training rows rebuilt better than the threshold: 0.98 flags the"
                      + " worst 2% of the training rows, and rows as unusual as those later on."
                      + " Set it to 1 minus the share of anomalies you expect.")),
          false);

  @Override
  public ModelTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    TrainingSpec spec = data.spec();
    if (spec.task() != Task.ANOMALY_DETECTION) {
      throw ModelException.invalidInput("an anomaly autoencoder cannot learn " + spec.task());
    }
    Column marks = spec.target();
    for (Column f : spec.features()) {
      if (marks != null && f.name().equals(marks.name())) {
        throw ModelException.invalidInput(
            "the column that marks known anomalies, "
                + marks.name()
                + ", cannot be a feature: this model learns without labels, and the marks are"
                + " only used to evaluate it");
      }
      if (!DESCRIPTOR.featureKinds().contains(f.kind())) {
        throw ModelException.invalidInput(
            "column "
                + f.name()
                + " ("
                + f.kind()
                + ") cannot be a feature of an anomaly autoencoder");
      }
    }
    Settings settings = Settings.of(spec);
    if (data.trainingRows() == 0) {
      throw ModelException.invalidInput("there are no training rows");
    }
    ai.djl.Device device = Devices.of(context.device(), context.log());

    FeatureEncoder encoder = FeatureEncoder.fit(spec.features(), data.training());
    int width = encoder.width();
    if (width < 2) {
      throw ModelException.invalidInput(
          "an autoencoder needs at least two encoded features to find rows that break their"
              + " relationship; "
              + encoder.featureNames()
              + " gives "
              + width
              + ". Add columns");
    }
    int bottleneck =
        settings.bottleneck() == 0 ? automaticBottleneck(width) : settings.bottleneck();
    if (bottleneck >= width) {
      throw ModelException.invalidInput(
          String.format(
              "the bottleneck size (%d) must be smaller than the number of encoded features (%d),"
                  + " or the network can copy every row, anomalies included: choose at most %d, or"
                  + " 0 for automatic",
              bottleneck, width, width - 1));
    }
    List<Integer> layers = List.of(settings.hiddenSize(), bottleneck, settings.hiddenSize());
    context.log().log(
        Level.INFO,
        "{0}: {1} training rows, {2} encoded features, layers {3} (bottleneck linear), on {4}",
        ID,
        data.trainingRows(),
        width,
        layers,
        device);

    MlpTrainer trainer =
        new MlpTrainer(
            MlpTrainer.Objective.RECONSTRUCTION,
            width,
            width,
            new MlpTrainer.Settings(
                layers,
                settings.epochs(),
                settings.learningRate(),
                settings.batchSize(),
                0,
                spec.seed(),
                MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS,
                List.of(1)));
    MlpTrainer.Result result =
        trainer.train(
            examples(data.training(), encoder),
            examples(data.validation(), encoder),
            context,
            device);
    Mlp mlp = result.mlp();
    try {
      Threshold errors = new Threshold(spec.seed());
      for (DataBatch batch : data.training()) {
        if (context.cancelled()) {
          throw ModelException.cancelled();
        }
        for (double e : AnomalyModel.errors(encoder, mlp, batch)) {
          errors.add(e);
        }
      }
      if (errors.count() == 0) {
        throw ModelException.invalidInput("there are no training rows");
      }
      double threshold = errors.quantile(settings.quantile());
      context.log().log(
          Level.INFO,
          "{0}: threshold {1} (the {2} quantile of {3} training reconstruction errors)",
          ID,
          Double.toString(threshold),
          Double.toString(settings.quantile()),
          errors.count());
      return new AnomalyModel(encoder, mlp, threshold, settings.quantile(), spec.hyperParameters());
    } catch (ModelException | RuntimeException e) {
      mlp.close();
      throw e;
    }
  }

  /** A quarter of the encoded features, at least 1. */
  static int automaticBottleneck(int width) {
    return Math.max(1, (width + 3) / 4);
  }

  /** Encoded rows to rebuild; the trainer ignores the targets of a reconstruction. */
  private static ExampleSource examples(Iterable<DataBatch> batches, FeatureEncoder encoder) {
    return sink -> {
      for (DataBatch batch : batches) {
        if (batch.size() > 0) {
          sink.accept(new Examples(encoder.encode(batch), new float[batch.size()], batch.size()));
        }
      }
    };
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return AnomalyModel.load(
        folder, Devices.of(device, System.getLogger(AnomalyAutoencoderType.class.getName())));
  }

  /** The hyperparameters, read and checked. */
  record Settings(
      int epochs,
      int bottleneck,
      int hiddenSize,
      double learningRate,
      int batchSize,
      double quantile) {

    static Settings of(TrainingSpec spec) throws ModelException {
      for (HyperParameter h : DESCRIPTOR.hyperParameters()) {
        String value = spec.hyperParameters().get(h.name());
        String problem = value == null ? "is not set" : h.problemWith(value);
        if (problem != null) {
          throw ModelException.invalidInput(h.label() + " " + problem);
        }
      }
      return new Settings(
          spec.intParameter(EPOCHS),
          spec.intParameter(BOTTLENECK),
          spec.intParameter(HIDDEN_SIZE),
          spec.doubleParameter(LEARNING_RATE),
          spec.intParameter(BATCH_SIZE),
          spec.doubleParameter(THRESHOLD_QUANTILE));
    }
  }

  static Map<String, String> defaults() {
    Map<String, String> out = new HashMap<>();
    DESCRIPTOR.hyperParameters().forEach(h -> out.put(h.name(), h.defaultValue()));
    return out;
  }
}
