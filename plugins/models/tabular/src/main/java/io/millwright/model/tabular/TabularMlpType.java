package io.millwright.model.tabular;

import io.millwright.model.support.Devices;
import io.millwright.model.support.ExampleSource;
import io.millwright.model.support.Examples;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.Extension;

/**
 * A multilayer perceptron on table rows (DJL on PyTorch, provided by the host): two-class and
 * many-class classification (softmax cross-entropy) and regression (squared error on the
 * standardized target). Features are encoded by {@link FeatureEncoder}, which is saved with the
 * model. Stateless: every run keeps its state in its own objects.
 */
@Extension
public class TabularMlpType implements ModelType {

  static final String ID = "tabular-mlp";
  static final String VERSION = "1.0.0";

  static final String EPOCHS = "epochs";
  static final String HIDDEN_LAYERS = "hiddenLayers";
  static final String LEARNING_RATE = "learningRate";
  static final String BATCH_SIZE = "batchSize";
  static final String PATIENCE = "earlyStoppingPatience";

  /** More classes than this is not a classification a table model should be asked for. */
  static final int MAX_CLASSES = 1000;

  static final List<String> LAYER_CHOICES =
      List.of("32", "64", "128", "32,16", "64,32", "128,64", "256,128", "128,64,32");

  private static final ModelTypeDescriptor DESCRIPTOR =
      new ModelTypeDescriptor(
          ID,
          VERSION,
          "Neural network for tables (MLP)",
          "A small neural network (multilayer perceptron) that learns to predict a category or a"
              + " number from the other columns of a row: numbers and timestamps are standardized,"
              + " categories one-hot encoded (the 50 most frequent), missing values filled, all"
              + " inside the model. Good with thousands of rows or more and non-linear"
              + " relationships; trains in seconds to minutes on a CPU.",
          Set.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION, Task.REGRESSION),
          Set.of(ColumnKind.NUMBER, ColumnKind.CATEGORY, ColumnKind.BOOLEAN, ColumnKind.TIMESTAMP),
          List.of(
              HyperParameter.integer(
                  EPOCHS,
                  "Epochs",
                  30,
                  1,
                  500,
                  "Passes over the training rows. More can fit better and takes longer; early"
                      + " stopping ends training sooner when the validation loss stops"
                      + " improving."),
              HyperParameter.choice(
                  HIDDEN_LAYERS,
                  "Hidden layers",
                  "64,32",
                  LAYER_CHOICES,
                  "Neurons in each hidden layer, first to last. Wider and deeper networks learn"
                      + " more complex relationships but need more rows and time."),
              HyperParameter.decimal(
                  LEARNING_RATE,
                  "Learning rate",
                  0.01,
                  0.001,
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
              HyperParameter.integer(
                  PATIENCE,
                  "Early stopping patience",
                  10,
                  0,
                  500,
                  "Stop after this many epochs without a better validation loss and keep the"
                      + " best epoch's weights; 0 trains every epoch.")),
          false);

  @Override
  public ModelTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    TrainingSpec spec = data.spec();
    Task task = spec.task();
    if (!DESCRIPTOR.tasks().contains(task)) {
      throw ModelException.invalidInput("a tabular MLP cannot learn " + task);
    }
    Column target = spec.target();
    if (target == null) {
      throw ModelException.invalidInput("choose the column to predict");
    }
    for (Column f : spec.features()) {
      if (f.name().equals(target.name())) {
        throw ModelException.invalidInput(
            "the column to predict, " + target.name() + ", cannot also be a feature");
      }
      if (!DESCRIPTOR.featureKinds().contains(f.kind())) {
        throw ModelException.invalidInput(
            "column " + f.name() + " (" + f.kind() + ") cannot be a feature of a tabular MLP");
      }
    }
    Settings settings = Settings.of(spec);
    ai.djl.Device device = Devices.of(context.device(), context.log());

    FeatureEncoder encoder = FeatureEncoder.fit(spec.features(), data.training());
    Targets targets = Targets.fit(task, target, data.training());
    context.log().log(
        Level.INFO,
        "{0}: {1} training rows, {2} encoded features, {3}, on {4}",
        ID,
        data.trainingRows(),
        encoder.width(),
        targets.describe(),
        device);

    MlpTrainer trainer =
        new MlpTrainer(
            targets.classification()
                ? MlpTrainer.Objective.CLASSIFICATION
                : MlpTrainer.Objective.REGRESSION,
            encoder.width(),
            targets.outputs(),
            settings.trainer(spec.seed()));
    MlpTrainer.Result result =
        trainer.train(
            examples(data.training(), encoder, targets),
            examples(data.validation(), encoder, targets),
            context,
            device);
    return new TabularModel(targets, encoder, result.mlp(), spec.hyperParameters());
  }

  /** Encoded rows of batches, skipping rows without a (known) target. */
  private static ExampleSource examples(
      Iterable<DataBatch> batches, FeatureEncoder encoder, Targets targets) {
    return sink -> {
      for (DataBatch batch : batches) {
        float[] x = encoder.encode(batch);
        float[] y = targets.encode(batch);
        int width = encoder.width();
        int kept = 0;
        for (int r = 0; r < batch.size(); r++) {
          if (!Float.isNaN(y[r])) {
            if (kept != r) {
              System.arraycopy(x, r * width, x, kept * width, width);
              y[kept] = y[r];
            }
            kept++;
          }
        }
        if (kept > 0) {
          sink.accept(
              new Examples(
                  kept == batch.size() ? x : java.util.Arrays.copyOf(x, kept * width),
                  kept == batch.size() ? y : java.util.Arrays.copyOf(y, kept),
                  kept));
        }
      }
    };
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return TabularModel.load(
        folder, Devices.of(device, System.getLogger(TabularMlpType.class.getName())));
  }

  /** The hyperparameters, read and checked. */
  record Settings(
      int epochs, List<Integer> hidden, double learningRate, int batchSize, int patience) {

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
          layers(spec.parameter(HIDDEN_LAYERS)),
          spec.doubleParameter(LEARNING_RATE),
          spec.intParameter(BATCH_SIZE),
          spec.intParameter(PATIENCE));
    }

    MlpTrainer.Settings trainer(long seed) {
      return new MlpTrainer.Settings(hidden, epochs, learningRate, batchSize, patience, seed);
    }
  }

  static List<Integer> layers(String text) {
    List<Integer> out = new ArrayList<>();
    for (String part : text.split(",")) {
      out.add(Integer.parseInt(part.strip()));
    }
    return out;
  }

  /** The distinct labels of a classification target over the training rows, sorted. */
  static List<String> labels(Column target, Iterable<DataBatch> training) throws ModelException {
    TreeSet<String> seen = new TreeSet<>();
    for (DataBatch batch : training) {
      for (String label : Targets.labelsOf(target, batch)) {
        if (label != null) {
          seen.add(label);
          if (seen.size() > MAX_CLASSES) {
            throw ModelException.invalidInput(
                target.name()
                    + " has more than "
                    + MAX_CLASSES
                    + " different values: predict a number (regression) or a coarser column");
          }
        }
      }
    }
    return List.copyOf(seen);
  }

  static Map<String, String> defaults() {
    Map<String, String> out = new java.util.HashMap<>();
    DESCRIPTOR.hyperParameters().forEach(h -> out.put(h.name(), h.defaultValue()));
    return out;
  }
}
