package io.millwright.model.forecasting;

import io.millwright.model.support.Devices;
import io.millwright.model.support.ExampleSource;
import io.millwright.model.support.Examples;
import io.millwright.model.support.FeatureEncoder;
import io.millwright.model.support.MlpTrainer;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Forecasts a numeric series ordered by a timestamp with a multilayer perceptron (DJL on PyTorch,
 * provided by the host).
 *
 * <p>Training: the rows (in the order of {@link TrainingSpec#timeColumn()}) are placed on a regular
 * grid of the series' step ({@link Series}); the network learns the value one step ahead from the
 * target at a few lags (the last {@code lags} steps, one season back, one week back when a season
 * is a day: {@link Inputs#choose}), the time of day and day of week (sine and cosine, UTC) and any
 * extra NUMBER or TIMESTAMP columns of the same row (known in advance, like a planned price),
 * standardized. The target is standardized with the training mean and standard deviation. The model
 * keeps the end of the training history (twice the largest lag) in its artifact.
 *
 * <p>Prediction ({@link ForecastModel#predict}) forecasts each row's timestamp from that stored
 * history, recursively: a row k steps after the history's end gets the k-step forecast, each step
 * feeding the previous ones' forecasts back as lags. <b>The batch's own target values, if it has
 * the column, are ignored</b>: a batch is a stretch of future, not more history. A row whose
 * timestamp lies inside the stored history gets the one-step prediction of that history value.
 *
 * <p>Stateless: every run keeps its state in its own objects.
 */
@Extension
public class ForecastMlpType implements ModelType {

  static final String ID = "forecast-mlp";
  static final String VERSION = "1.0.0";

  static final String EPOCHS = "epochs";
  static final String HIDDEN_LAYERS = "hiddenLayers";
  static final String LEARNING_RATE = "learningRate";
  static final String BATCH_SIZE = "batchSize";
  static final String SEASON_LENGTH = "seasonLength";
  static final String LAGS = "lags";

  static final List<String> LAYER_CHOICES =
      List.of("16", "32", "64", "128", "32,16", "64,32", "128,64", "256,128", "128,64,32");

  /** Rows per chunk of examples handed to the trainer. */
  static final int CHUNK = 4096;

  private static final ModelTypeDescriptor DESCRIPTOR =
      new ModelTypeDescriptor(
          ID,
          VERSION,
          "Neural network for time series (forecasting MLP)",
          "Forecasts a number over time (demand, load, sales per hour or day) from its own past:"
              + " a small neural network learns the next value from the last few values, the"
              + " value one season (and one week) earlier, the time of day and the day of week,"
              + " and any other numeric columns known in advance. It then forecasts step by step"
              + " from the end of the training data: each predicted row gets the forecast for its"
              + " timestamp (target values in the rows to predict are ignored). Needs a regular"
              + " step (every hour, every day; gaps are fine) and at least the longest lag plus"
              + " 20 steps of history.",
          Set.of(Task.FORECASTING),
          Set.of(ColumnKind.TIMESTAMP, ColumnKind.NUMBER),
          List.of(
              HyperParameter.integer(
                  EPOCHS,
                  "Epochs",
                  30,
                  1,
                  500,
                  "Passes over the training series. More can fit better and takes longer."),
              HyperParameter.choice(
                  HIDDEN_LAYERS,
                  "Hidden layers",
                  "64,32",
                  LAYER_CHOICES,
                  "Neurons in each hidden layer, first to last. Wider and deeper networks learn"
                      + " more complex patterns but need longer series and more time."),
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
                  "Time steps per optimizer step. Smaller batches take more (noisier) steps per"
                      + " epoch; larger ones are faster per step."),
              HyperParameter.integer(
                  SEASON_LENGTH,
                  "Season length (steps)",
                  24,
                  0,
                  10080,
                  "How many steps make one season: 24 for a daily pattern in hourly data, 7 for a"
                      + " weekly pattern in daily data, 12 for a yearly one in monthly data; 0 for"
                      + " none. The value one season back is an input, and when a season is one"
                      + " day, also the value one week back (if the history holds two weeks)."),
              HyperParameter.integer(
                  LAGS,
                  "Recent steps",
                  3,
                  1,
                  200,
                  "How many of the latest values are inputs (1 = only the previous step). The"
                      + " history must hold the longest lag plus 20 steps.")),
          false);

  @Override
  public ModelTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    TrainingSpec spec = data.spec();
    if (spec.task() != Task.FORECASTING) {
      throw ModelException.invalidInput("a forecasting MLP cannot learn " + spec.task());
    }
    Column target = spec.target();
    if (target == null) {
      throw ModelException.invalidInput("choose the column to forecast");
    }
    if (target.kind() != ColumnKind.NUMBER) {
      throw ModelException.invalidInput(
          "forecasting predicts a number; " + target.name() + " is " + target.kind());
    }
    String time = spec.timeColumn();
    if (time == null || time.isBlank()) {
      throw ModelException.invalidInput("choose the timestamp column that orders the series");
    }
    if (time.equals(target.name())) {
      throw ModelException.invalidInput(
          "the column to forecast, " + target.name() + ", cannot also be the time column");
    }
    List<Column> covariates = new ArrayList<>();
    for (Column f : spec.features()) {
      if (f.name().equals(target.name())) {
        throw ModelException.invalidInput(
            "the column to forecast, "
                + target.name()
                + ", cannot also be a feature: its past values are already the model's lags");
      }
      if (f.name().equals(time)) {
        if (f.kind() != ColumnKind.TIMESTAMP) {
          throw ModelException.invalidInput(
              "the time column " + time + " must be a timestamp, not " + f.kind());
        }
        continue;
      }
      if (!DESCRIPTOR.featureKinds().contains(f.kind())) {
        throw ModelException.invalidInput(
            "column " + f.name() + " (" + f.kind() + ") cannot be a feature of a forecasting MLP");
      }
      covariates.add(f);
    }
    Settings settings = Settings.of(spec);
    ai.djl.Device device = Devices.of(context.device(), context.log());

    FeatureEncoder encoder =
        covariates.isEmpty() ? null : FeatureEncoder.fit(covariates, data.training());
    float[] missing = ForecastModel.missingRow(encoder);
    int width = missing.length;
    Series.Rows rows = Series.collect(data.training(), time, target.name(), encoder);
    double step = Series.step(rows);
    Series series = Series.onGrid(rows, step, width, missing);
    List<Integer> lags = Inputs.choose(settings.lags(), settings.season(), step, series.length());
    int maxLag = lags.get(lags.size() - 1);

    long count = 0;
    double mean = 0;
    double m2 = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < series.length(); p++) {
      double v = series.values[p];
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        count++;
        double delta = v - mean;
        mean += delta / count;
        m2 += delta * (v - mean);
      }
    }
    int learnable = 0;
    for (int p = maxLag; p < series.length(); p++) {
      learnable += Double.isNaN(series.values[p]) ? 0 : 1;
    }
    if (learnable < Inputs.MIN_EXAMPLES) {
      throw ModelException.invalidInput(
          String.format(
              "only %d steps after the first %d (the largest lag) have a value of %s; at least %d"
                  + " are needed to learn from",
              learnable, maxLag, target.name(), Inputs.MIN_EXAMPLES));
    }
    double std = count > 0 ? Math.sqrt(m2 / count) : 0;
    Inputs inputs = new Inputs(lags, mean, std > 0 && Double.isFinite(std) ? std : 1, width);
    Series withValidation =
        series.append(Series.collect(data.validation(), time, target.name(), encoder), missing);

    context.log().log(
        Level.INFO,
        "{0}: {1} rows ({2} without a timestamp left out) on {3} steps of {4}, {5} to learn"
            + " from; lags {6}, {7} inputs, {8} validation steps, on {9}",
        ID,
        rows.count() + rows.withoutTime(),
        rows.withoutTime(),
        series.length(),
        Durations.describe(step),
        learnable,
        lags,
        inputs.width(),
        withValidation.length() - series.length(),
        device);

    MlpTrainer trainer =
        new MlpTrainer(
            MlpTrainer.Objective.REGRESSION, inputs.width(), 1, settings.trainer(spec.seed()));
    MlpTrainer.Result result =
        trainer.train(
            examples(series, inputs, 0),
            examples(withValidation, inputs, series.length()),
            context,
            device);

    int from = Math.max(0, series.length() - 2 * maxLag);
    double[] filled = series.filled();
    List<Column> signature = new ArrayList<>(spec.features());
    if (signature.stream().noneMatch(c -> c.name().equals(time))) {
      signature.add(0, new Column(time, ColumnKind.TIMESTAMP));
    }
    try {
      return new ForecastModel(
          target,
          time,
          signature,
          encoder,
          inputs,
          step,
          min - (max - min),
          max + (max - min),
          Arrays.copyOfRange(series.times, from, series.length()),
          Arrays.copyOfRange(filled, from, series.length()),
          result.mlp(),
          spec.hyperParameters());
    } catch (ModelException | RuntimeException e) {
      result.mlp().close();
      throw e;
    }
  }

  /**
   * One-step-ahead examples of the positions from {@code from} on that have a target value (and all
   * their lags inside the series).
   */
  static ExampleSource examples(Series series, Inputs inputs, int from) {
    return sink -> {
      double[] filled = series.filled();
      float[] scaled = new float[filled.length];
      for (int p = 0; p < filled.length; p++) {
        scaled[p] = inputs.scale(filled[p]);
      }
      int w = inputs.width();
      float[] x = new float[CHUNK * w];
      float[] y = new float[CHUNK];
      int n = 0;
      for (int p = Math.max(from, inputs.maxLag()); p < series.length(); p++) {
        double v = series.values[p];
        if (Double.isNaN(v)) {
          continue;
        }
        inputs.write(scaled, p, series.times[p], series.covariates, p * series.width, x, n * w);
        y[n++] = inputs.scale(v);
        if (n == CHUNK) {
          sink.accept(new Examples(x, y, n));
          x = new float[CHUNK * w];
          y = new float[CHUNK];
          n = 0;
        }
      }
      if (n > 0) {
        sink.accept(new Examples(Arrays.copyOf(x, n * w), Arrays.copyOf(y, n), n));
      }
    };
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return ForecastModel.load(
        folder, Devices.of(device, System.getLogger(ForecastMlpType.class.getName())));
  }

  /** The hyperparameters, read and checked. */
  record Settings(
      int epochs, List<Integer> hidden, double learningRate, int batchSize, int season, int lags) {

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
          spec.intParameter(SEASON_LENGTH),
          spec.intParameter(LAGS));
    }

    /** No early stopping: every epoch is trained, the validation loss is reported. */
    MlpTrainer.Settings trainer(long seed) {
      return new MlpTrainer.Settings(hidden, epochs, learningRate, batchSize, 0, seed);
    }
  }

  static List<Integer> layers(String text) {
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
