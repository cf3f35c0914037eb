package io.millwright.model.tabular;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A trained tabular MLP: encoder, network and target together. Its artifact folder holds
 *
 * <ul>
 *   <li>{@code model.properties}: artifact format, type id and version, task, engine, network file;
 *   <li>{@code model.json}: the target column, the labels (classification) or the target's mean and
 *       standard deviation (regression), the network's layers, the hyperparameters;
 *   <li>{@code encoder.json}: the {@link FeatureEncoder};
 *   <li>{@code mlp-0000.params}: the network's parameters (DJL's format).
 * </ul>
 *
 * Thread-safe for {@link #predict}.
 */
final class TabularModel implements TrainedModel {

  static final String PROPERTIES = "model.properties";
  static final String MODEL_JSON = "model.json";

  /** The artifact layout's version; {@link #load} reads every one up to it. */
  static final int FORMAT = 1;

  private final Targets targets;
  private final FeatureEncoder encoder;
  private final Mlp mlp;
  private final Map<String, String> hyperParameters;

  TabularModel(
      Targets targets, FeatureEncoder encoder, Mlp mlp, Map<String, String> hyperParameters) {
    this.targets = targets;
    this.encoder = encoder;
    this.mlp = mlp;
    this.hyperParameters = new TreeMap<>(hyperParameters);
  }

  @Override
  public ModelSignature signature() {
    return new ModelSignature(
        targets.task(), encoder.columns(), targets.target(), targets.labels());
  }

  @Override
  public Predictions predict(DataBatch batch) throws ModelException {
    int rows = batch.size();
    float[] outputs = mlp.forward(encoder.encode(batch), rows);
    if (!targets.classification()) {
      double[] values = new double[rows];
      for (int r = 0; r < rows; r++) {
        values[r] = targets.value(outputs[r]);
      }
      return Predictions.values(values);
    }
    int k = targets.labels().size();
    String[] labels = new String[rows];
    double[] confidence = new double[rows];
    for (int r = 0; r < rows; r++) {
      // Softmax in doubles, shifted by the largest logit; the first class wins a tie.
      int best = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double v = outputs[r * k + c];
        if (v > max) {
          max = v;
          best = c;
        }
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(outputs[r * k + c] - max);
      }
      labels[r] = targets.labels().get(best);
      confidence[r] = 1 / sum;
    }
    return Predictions.labels(labels, confidence);
  }

  @Override
  public void save(Path folder) throws ModelException {
    try {
      Files.createDirectories(folder);
      mlp.save(folder);
      encoder.save(folder);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put(
          "target",
          Map.of("name", targets.target().name(), "kind", targets.target().kind().name()));
      if (targets.classification()) {
        model.put("labels", targets.labels());
      } else {
        model.put("targetMean", targets.mean());
        model.put("targetStd", targets.std());
      }
      Map<String, Object> network = new LinkedHashMap<>();
      network.put("inputs", mlp.shape().inputs());
      network.put("hidden", mlp.shape().hidden());
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
              + TabularMlpType.ID
              + "\ntypeVersion="
              + TabularMlpType.VERSION
              + "\ntask="
              + targets.task().name()
              + "\nengine="
              + io.millwright.model.support.Devices.ENGINE
              + "\nnetwork="
              + Mlp.FILE
              + "\n";
      Files.writeString(folder.resolve(PROPERTIES), properties, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot save the model into " + folder, e);
    }
  }

  @SuppressWarnings("unchecked")
  static TabularModel load(Path folder, ai.djl.Device device) throws ModelException {
    Properties properties = new Properties();
    Targets targets;
    FeatureEncoder encoder;
    Mlp.MlpShape shape;
    Map<String, String> hyperParameters = new TreeMap<>();
    try (Reader in = Files.newBufferedReader(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      properties.load(in);
      if (!TabularMlpType.ID.equals(properties.getProperty("type"))) {
        throw ModelException.failed(
            "the artifact is a "
                + properties.getProperty("type")
                + " model, not "
                + TabularMlpType.ID,
            null);
      }
      int format = Integer.parseInt(properties.getProperty("format", "0"));
      if (format < 1 || format > FORMAT) {
        throw ModelException.failed(
            "artifact format " + format + " is not one this version reads (1 to " + FORMAT + ")",
            null);
      }
      Task task = Task.valueOf(properties.getProperty("task"));
      Map<String, Object> model =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(MODEL_JSON), StandardCharsets.UTF_8));
      Map<String, Object> target = (Map<String, Object>) model.get("target");
      Column column =
          new Column((String) target.get("name"), ColumnKind.valueOf((String) target.get("kind")));
      if (task == Task.REGRESSION) {
        targets =
            new Targets(
                task,
                column,
                List.of(),
                ((Number) model.get("targetMean")).doubleValue(),
                ((Number) model.get("targetStd")).doubleValue());
      } else {
        List<String> labels = new ArrayList<>();
        ((List<Object>) model.get("labels")).forEach(l -> labels.add((String) l));
        targets = new Targets(task, column, labels, 0, 1);
      }
      Map<String, Object> network = (Map<String, Object>) model.get("network");
      List<Integer> hidden = new ArrayList<>();
      ((List<Object>) network.get("hidden")).forEach(h -> hidden.add(((Number) h).intValue()));
      shape =
          new Mlp.MlpShape(
              ((Number) network.get("inputs")).intValue(),
              hidden,
              ((Number) network.get("outputs")).intValue());
      ((Map<String, Object>) model.getOrDefault("hyperParameters", Map.of()))
          .forEach((k, v) -> hyperParameters.put(k, String.valueOf(v)));
      encoder = FeatureEncoder.load(folder);
      if (encoder.width() != shape.inputs() || targets.outputs() != shape.outputs()) {
        throw ModelException.failed(
            "the encoder ("
                + encoder.width()
                + " features) or the target ("
                + targets.outputs()
                + " outputs) does not fit the network "
                + shape,
            null);
      }
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    }
    return new TabularModel(targets, encoder, Mlp.load(folder, shape, device), hyperParameters);
  }

  @Override
  public void close() {
    mlp.close();
  }
}
