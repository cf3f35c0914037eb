package io.millwright.model.forecasting;

import io.millwright.model.support.Devices;
import io.millwright.model.support.FeatureEncoder;
import io.millwright.model.support.Json;
import io.millwright.model.support.Mlp;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelSignature;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A trained forecasting MLP: the network, the lags and scaling of its inputs, the series' step and
 * the end of the training history it forecasts from.
 *
 * <p>{@link #predict} gives each row the forecast for its timestamp. A row {@code k} steps after
 * the history's last timestamp ({@code k} rounded to whole steps) gets the {@code k}-step forecast,
 * computed step by step from the stored history, each forecast becoming a lag of the next; the
 * steps between rows use the extra features of the batch's first row at that step, or none (their
 * training mean). <b>The batch's target values, when it has the column, are ignored.</b> A row
 * whose timestamp lies inside the stored history gets the one-step prediction of that position from
 * the values before it; a timestamp before that (or before the earliest position all lags reach)
 * gets the earliest one; a row without a timestamp gets the next step's forecast. A row more than
 * {@value #MAX_HORIZON} steps ahead is refused. Every forecast, and every step of the way, is kept
 * within the training values' range widened by that range on each side (for training values from 50
 * to 150: -50 to 250): a recursion that runs away (a network extrapolating outside what it saw,
 * feeding itself) cannot give absurd numbers.
 *
 * <p>Its artifact folder holds
 *
 * <ul>
 *   <li>{@code model.properties}: artifact format, type id and version, task, engine, network file;
 *   <li>{@code model.json}: target and time columns, the signature's inputs, the step, the lags,
 *       the target's mean and standard deviation, the bounds of a forecast, the stored history
 *       (timestamps and values), the network's layers, the hyperparameters;
 *   <li>{@code encoder.json}: the extra features' {@link FeatureEncoder}, when there are any;
 *   <li>{@code mlp-0000.params}: the network's parameters (DJL's format).
 * </ul>
 *
 * Thread-safe for {@link #predict}.
 */
final class ForecastModel implements TrainedModel {

  static final String PROPERTIES = "model.properties";
  static final String MODEL_JSON = "model.json";

  /** The artifact layout's version; {@link #load} reads every one up to it. */
  static final int FORMAT = 1;

  /** The furthest a row may lie after the history's end, in steps. */
  static final int MAX_HORIZON = 50_000;

  private final Column target;
  private final String timeColumn;
  private final List<Column> signatureInputs;
  private final FeatureEncoder encoder;
  private final float[] missingRow;
  private final Inputs inputs;
  private final double step;
  private final double low;
  private final double high;
  private final double[] historyTimes;
  private final double[] historyValues;
  private final float[] scaledHistory;
  private final Mlp mlp;
  private final Map<String, String> hyperParameters;

  ForecastModel(
      Column target,
      String timeColumn,
      List<Column> signatureInputs,
      FeatureEncoder encoder,
      Inputs inputs,
      double step,
      double low,
      double high,
      double[] historyTimes,
      double[] historyValues,
      Mlp mlp,
      Map<String, String> hyperParameters)
      throws ModelException {
    this.target = target;
    this.timeColumn = timeColumn;
    this.signatureInputs = List.copyOf(signatureInputs);
    this.encoder = encoder;
    this.missingRow = missingRow(encoder);
    this.inputs = inputs;
    this.step = step;
    this.low = low;
    this.high = high;
    this.historyTimes = historyTimes.clone();
    this.historyValues = historyValues.clone();
    this.scaledHistory = new float[historyValues.length];
    for (int i = 0; i < historyValues.length; i++) {
      scaledHistory[i] = inputs.scale(historyValues[i]);
    }
    this.mlp = mlp;
    this.hyperParameters = new TreeMap<>(hyperParameters);
    if (historyTimes.length != historyValues.length || historyValues.length <= inputs.maxLag()) {
      throw ModelException.failed(
          "the stored history ("
              + historyValues.length
              + " values) is shorter than the largest lag ("
              + inputs.maxLag()
              + ") + 1",
          null);
    }
  }

  /** The encoded extra features of a row where all of them are missing (none: empty). */
  static float[] missingRow(FeatureEncoder encoder) throws ModelException {
    if (encoder == null) {
      return new float[0];
    }
    DataBatch.Builder b = DataBatch.builder(encoder.columns());
    b.row(new Object[encoder.columns().size()]);
    return encoder.encode(b.build());
  }

  @Override
  public ModelSignature signature() {
    return new ModelSignature(Task.FORECASTING, signatureInputs, target, List.of());
  }

  @Override
  public Predictions predict(DataBatch batch) throws ModelException {
    if (!batch.has(timeColumn)) {
      throw ModelException.invalidInput("the rows have no time column " + timeColumn);
    }
    int n = batch.size();
    double[] times = batch.numbers(timeColumn);
    int cw = missingRow.length;
    float[] covariates = encoder == null ? new float[0] : encoder.encode(batch);
    int last = historyTimes.length - 1;
    double lastTime = historyTimes[last];
    int earliest = inputs.maxLag() - last;
    int[] ahead = new int[n];
    int horizon = 0;
    for (int r = 0; r < n; r++) {
      if (!Double.isFinite(times[r])) {
        ahead[r] = 1;
      } else {
        double steps = Math.rint((times[r] - lastTime) / step);
        if (steps > MAX_HORIZON) {
          throw ModelException.invalidInput(
              String.format(
                  "row %d is at %s, %.0f steps of %s after the end of the training history (%s);"
                      + " this model forecasts at most %d steps ahead",
                  r + 1,
                  Durations.instant(times[r]),
                  steps,
                  Durations.describe(step),
                  Durations.instant(lastTime),
                  MAX_HORIZON));
        }
        ahead[r] = (int) Math.max(earliest, steps);
      }
      horizon = Math.max(horizon, ahead[r]);
    }

    // The path from the history's end to the furthest row, one step at a time.
    float[] scaled = Arrays.copyOf(scaledHistory, last + 1 + horizon);
    double[] stepTimes = Arrays.copyOf(historyTimes, last + 1 + horizon);
    for (int j = 1; j <= horizon; j++) {
      stepTimes[last + j] = lastTime + j * step;
    }
    int[] firstRow = new int[horizon + 1];
    Arrays.fill(firstRow, -1);
    for (int r = 0; r < n; r++) {
      if (ahead[r] >= 1 && firstRow[ahead[r]] < 0) {
        firstRow[ahead[r]] = r;
      }
    }
    int w = inputs.width();
    float[] one = new float[w];
    float lowScaled = inputs.scale(low);
    float highScaled = inputs.scale(high);
    for (int j = 1; j < horizon; j++) {
      int p = last + j;
      int r = firstRow[j];
      inputs.write(
          scaled, p, stepTimes[p], r < 0 ? missingRow : covariates, r < 0 ? 0 : r * cw, one, 0);
      scaled[p] = Math.max(lowScaled, Math.min(highScaled, mlp.forward(one, 1)[0]));
    }
    // Every row at its own step, with its own extra features (the last step is only needed here).
    float[] x = new float[n * w];
    for (int r = 0; r < n; r++) {
      int p = last + ahead[r];
      inputs.write(scaled, p, stepTimes[p], covariates, r * cw, x, r * w);
    }
    float[] out = mlp.forward(x, n);
    double[] values = new double[n];
    for (int r = 0; r < n; r++) {
      values[r] = Math.max(low, Math.min(high, inputs.unscale(out[r])));
    }
    return Predictions.values(values);
  }

  @Override
  public void save(Path folder) throws ModelException {
    try {
      Files.createDirectories(folder);
      mlp.save(folder);
      if (encoder != null) {
        encoder.save(folder);
      }
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("target", column(target));
      model.put("timeColumn", timeColumn);
      model.put("inputs", signatureInputs.stream().map(ForecastModel::column).toList());
      model.put("step", step);
      model.put("lags", inputs.lags());
      model.put("targetMean", inputs.mean());
      model.put("targetStd", inputs.std());
      model.put("bounds", List.of(low, high));
      Map<String, Object> history = new LinkedHashMap<>();
      history.put("times", boxed(historyTimes));
      history.put("values", boxed(historyValues));
      model.put("history", history);
      Map<String, Object> network = new LinkedHashMap<>();
      network.put("inputs", mlp.shape().inputs());
      network.put("hidden", mlp.shape().hidden());
      network.put("outputs", mlp.shape().outputs());
      model.put("network", network);
      model.put("hyperParameters", new LinkedHashMap<>(hyperParameters));
      Files.writeString(folder.resolve(MODEL_JSON), Json.write(model), StandardCharsets.UTF_8);
      // Written by hand, not Properties.store: no date line, so the same model is the same bytes.
      String properties =
          "# A Millwright model artifact (model.json and the network beside it)\n"
              + "format="
              + FORMAT
              + "\ntype="
              + ForecastMlpType.ID
              + "\ntypeVersion="
              + ForecastMlpType.VERSION
              + "\ntask="
              + Task.FORECASTING.name()
              + "\nengine="
              + Devices.ENGINE
              + "\nnetwork="
              + Mlp.FILE
              + "\n";
      Files.writeString(folder.resolve(PROPERTIES), properties, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot save the model into " + folder, e);
    }
  }

  private static Map<String, Object> column(Column c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("kind", c.kind().name());
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Column column(Object o) {
    Map<String, Object> c = (Map<String, Object>) o;
    return new Column((String) c.get("name"), ColumnKind.valueOf((String) c.get("kind")));
  }

  private static double[] doubles(Object o) {
    List<?> list = (List<?>) o;
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.get(i)).doubleValue();
    }
    return out;
  }

  private static List<Integer> ints(Object o) {
    List<Integer> out = new ArrayList<>();
    for (Object v : (List<?>) o) {
      out.add(((Number) v).intValue());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static ForecastModel load(Path folder, ai.djl.Device device) throws ModelException {
    Properties properties = new Properties();
    Map<String, Object> model;
    FeatureEncoder encoder;
    Mlp.MlpShape shape;
    try (Reader in = Files.newBufferedReader(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      properties.load(in);
      if (!ForecastMlpType.ID.equals(properties.getProperty("type"))) {
        throw ModelException.failed(
            "the artifact is a "
                + properties.getProperty("type")
                + " model, not "
                + ForecastMlpType.ID,
            null);
      }
      int format = Integer.parseInt(properties.getProperty("format", "0"));
      if (format < 1 || format > FORMAT) {
        throw ModelException.failed(
            "artifact format " + format + " is not one this version reads (1 to " + FORMAT + ")",
            null);
      }
      model =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(MODEL_JSON), StandardCharsets.UTF_8));
      Map<String, Object> network = (Map<String, Object>) model.get("network");
      shape =
          new Mlp.MlpShape(
              ((Number) network.get("inputs")).intValue(),
              ints(network.get("hidden")),
              ((Number) network.get("outputs")).intValue());
      encoder =
          Files.isRegularFile(folder.resolve(FeatureEncoder.FILE))
              ? FeatureEncoder.load(folder)
              : null;
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    }
    Mlp mlp = null;
    try {
      Inputs inputs =
          new Inputs(
              ints(model.get("lags")),
              ((Number) model.get("targetMean")).doubleValue(),
              ((Number) model.get("targetStd")).doubleValue(),
              encoder == null ? 0 : encoder.width());
      if (inputs.width() != shape.inputs() || shape.outputs() != 1) {
        throw ModelException.failed(
            "the lags and features (" + inputs.width() + ") do not fit the network " + shape, null);
      }
      Map<String, Object> history = (Map<String, Object>) model.get("history");
      Map<String, String> hyperParameters = new TreeMap<>();
      ((Map<String, Object>) model.getOrDefault("hyperParameters", Map.of()))
          .forEach((k, v) -> hyperParameters.put(k, String.valueOf(v)));
      List<Column> signature = new ArrayList<>();
      ((List<Object>) model.get("inputs")).forEach(c -> signature.add(column(c)));
      mlp = Mlp.load(folder, shape, device);
      return new ForecastModel(
          column(model.get("target")),
          (String) model.get("timeColumn"),
          signature,
          encoder,
          inputs,
          ((Number) model.get("step")).doubleValue(),
          doubles(model.get("bounds"))[0],
          doubles(model.get("bounds"))[1],
          doubles(history.get("times")),
          doubles(history.get("values")),
          mlp,
          hyperParameters);
    } catch (RuntimeException e) {
      if (mlp != null) {
        mlp.close();
      }
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    } catch (ModelException e) {
      if (mlp != null) {
        mlp.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    mlp.close();
  }
}
