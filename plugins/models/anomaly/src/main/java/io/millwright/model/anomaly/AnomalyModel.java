package io.millwright.model.anomaly;

import io.millwright.model.support.Devices;
import io.millwright.model.support.FeatureEncoder;
import io.millwright.model.support.Json;
import io.millwright.model.support.Mlp;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A trained anomaly autoencoder: encoder, network and threshold together. {@link #predict} gives
 * each row {@code score = reconstruction error / threshold} and {@code flagged = error >
 * threshold}, the error being the mean squared difference between the encoded row and its
 * reconstruction. Its artifact folder holds
 *
 * <ul>
 *   <li>{@code model.properties}: artifact format, type id and version, task, engine, network file;
 *   <li>{@code model.json}: the threshold and its quantile, the network's layers (and which is the
 *       linear bottleneck), the hyperparameters;
 *   <li>{@code encoder.json}: the {@link FeatureEncoder};
 *   <li>{@code mlp-0000.params}: the network's parameters (DJL's format).
 * </ul>
 *
 * Thread-safe for {@link #predict}.
 */
final class AnomalyModel implements TrainedModel {

  static final String PROPERTIES = "model.properties";
  static final String MODEL_JSON = "model.json";

  /** The artifact layout's version; {@link #load} reads every one up to it. */
  static final int FORMAT = 1;

  private final FeatureEncoder encoder;
  private final Mlp mlp;
  private final double threshold;
  private final double quantile;
  private final Map<String, String> hyperParameters;

  AnomalyModel(
      FeatureEncoder encoder,
      Mlp mlp,
      double threshold,
      double quantile,
      Map<String, String> hyperParameters) {
    this.encoder = encoder;
    this.mlp = mlp;
    this.threshold = threshold;
    this.quantile = quantile;
    this.hyperParameters = new TreeMap<>(hyperParameters);
  }

  double threshold() {
    return threshold;
  }

  @Override
  public ModelSignature signature() {
    return new ModelSignature(
        Task.ANOMALY_DETECTION, encoder.columns(), AnomalyAutoencoderType.SCORE, List.of());
  }

  @Override
  public Predictions predict(DataBatch batch) throws ModelException {
    double[] errors = errors(encoder, mlp, batch);
    double[] scores = new double[errors.length];
    boolean[] flagged = new boolean[errors.length];
    for (int r = 0; r < errors.length; r++) {
      scores[r] = errors[r] / threshold;
      flagged[r] = errors[r] > threshold;
    }
    return Predictions.anomalies(scores, flagged);
  }

  /** Each row's reconstruction error: the mean squared difference over the encoded features. */
  static double[] errors(FeatureEncoder encoder, Mlp mlp, DataBatch batch) throws ModelException {
    int rows = batch.size();
    int width = encoder.width();
    float[] x = encoder.encode(batch);
    float[] y = rows == 0 ? new float[0] : mlp.forward(x, rows);
    double[] errors = new double[rows];
    for (int r = 0; r < rows; r++) {
      double sum = 0;
      for (int c = r * width; c < (r + 1) * width; c++) {
        double d = (double) x[c] - y[c];
        sum += d * d;
      }
      errors[r] = sum / width;
    }
    return errors;
  }

  @Override
  public void save(Path folder) throws ModelException {
    try {
      Files.createDirectories(folder);
      mlp.save(folder);
      encoder.save(folder);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("threshold", threshold);
      model.put("thresholdQuantile", quantile);
      model.put("error", "mean squared difference between the encoded row and its reconstruction");
      Map<String, Object> network = new LinkedHashMap<>();
      network.put("inputs", mlp.shape().inputs());
      network.put("hidden", mlp.shape().hidden());
      network.put("linear", mlp.shape().linear());
      network.put("outputs", mlp.shape().outputs());
      model.put("network", network);
      model.put("hyperParameters", new LinkedHashMap<>(hyperParameters));
      Files.writeString(folder.resolve(MODEL_JSON), Json.write(model), StandardCharsets.UTF_8);
      // Written by hand, not Properties.store: no date line, so the same model is the same bytes.
      String properties =
          "# A Millwright model artifact (model.json, encoder.json and the network beside it)\n"
              + "format="
              + FORMAT
              + "\ntype="
              + AnomalyAutoencoderType.ID
              + "\ntypeVersion="
              + AnomalyAutoencoderType.VERSION
              + "\ntask="
              + Task.ANOMALY_DETECTION.name()
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

  private static List<Integer> ints(Object o) {
    List<Integer> out = new ArrayList<>();
    for (Object v : (List<?>) o) {
      out.add(((Number) v).intValue());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static AnomalyModel load(Path folder, ai.djl.Device device) throws ModelException {
    Properties properties = new Properties();
    FeatureEncoder encoder;
    Mlp.MlpShape shape;
    double threshold;
    double quantile;
    Map<String, String> hyperParameters = new TreeMap<>();
    try (Reader in = Files.newBufferedReader(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      properties.load(in);
      if (!AnomalyAutoencoderType.ID.equals(properties.getProperty("type"))) {
        throw ModelException.failed(
            "the artifact is a "
                + properties.getProperty("type")
                + " model, not "
                + AnomalyAutoencoderType.ID,
            null);
      }
      int format = Integer.parseInt(properties.getProperty("format", "0"));
      if (format < 1 || format > FORMAT) {
        throw ModelException.failed(
            "artifact format " + format + " is not one this version reads (1 to " + FORMAT + ")",
            null);
      }
      Map<String, Object> model =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(MODEL_JSON), StandardCharsets.UTF_8));
      threshold = ((Number) model.get("threshold")).doubleValue();
      quantile = ((Number) model.get("thresholdQuantile")).doubleValue();
      Map<String, Object> network = (Map<String, Object>) model.get("network");
      shape =
          new Mlp.MlpShape(
              ((Number) network.get("inputs")).intValue(),
              ints(network.get("hidden")),
              ((Number) network.get("outputs")).intValue(),
              ints(network.get("linear")));
      ((Map<String, Object>) model.getOrDefault("hyperParameters", Map.of()))
          .forEach((k, v) -> hyperParameters.put(k, String.valueOf(v)));
      encoder = FeatureEncoder.load(folder);
      if (encoder.width() != shape.inputs() || shape.outputs() != shape.inputs()) {
        throw ModelException.failed(
            "the encoder (" + encoder.width() + " features) does not fit the network " + shape,
            null);
      }
      if (!(threshold > 0) || !Double.isFinite(threshold)) {
        throw ModelException.failed(
            "the threshold " + threshold + " is not a positive number", null);
      }
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    }
    return new AnomalyModel(
        encoder, Mlp.load(folder, shape, device), threshold, quantile, hyperParameters);
  }

  @Override
  public void close() {
    mlp.close();
  }
}
