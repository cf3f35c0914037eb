package io.millwright.model.text;

import io.millwright.model.support.Devices;
import io.millwright.model.support.Examples;
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
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A trained text classifier: preprocessing, network and classes together. Its artifact folder holds
 *
 * <ul>
 *   <li>{@code model.properties}: artifact format, type id and version, task, engine, network file;
 *   <li>{@code model.json}: the input columns, the target, the labels and their training counts,
 *       the network's layers, the hyperparameters;
 *   <li>{@code text.json}: the text hashing (buckets, n-grams, signs, hash and seed,
 *       normalization);
 *   <li>{@code encoder.json}: the {@link FeatureEncoder} of the non-text features, only when there
 *       are some;
 *   <li>{@code mlp-0000.params}: the network's parameters (DJL's format).
 * </ul>
 *
 * A row whose texts give no feature (missing, empty, only punctuation) and that has no other
 * feature gets the most frequent training class, with its share of the training rows as the
 * confidence. Thread-safe for {@link #predict}.
 */
final class TextModel implements TrainedModel {

  static final String PROPERTIES = "model.properties";
  static final String MODEL_JSON = "model.json";
  static final String TEXT_JSON = "text.json";

  /** The artifact layout's version; {@link #load} reads every one up to it. */
  static final int FORMAT = 1;

  /** The text hashing's version in {@code text.json}. */
  static final int TEXT_FORMAT = 1;

  static final String HASH = "murmur3_x86_32";

  private final TextFeatures features;
  private final Classes classes;
  private final Mlp mlp;
  private final Map<String, String> hyperParameters;

  TextModel(TextFeatures features, Classes classes, Mlp mlp, Map<String, String> hyperParameters) {
    this.features = features;
    this.classes = classes;
    this.mlp = mlp;
    this.hyperParameters = new TreeMap<>(hyperParameters);
  }

  @Override
  public ModelSignature signature() {
    return new ModelSignature(
        Task.TEXT_CLASSIFICATION, features.inputs(), classes.target(), classes.labels());
  }

  @Override
  public Predictions predict(DataBatch batch) throws ModelException {
    int rows = batch.size();
    SparseRows sparse = new SparseRows();
    BitSet noText = new BitSet();
    if (!features.encode(batch, null, sparse, noText)) {
      throw ModelException.failed("a batch of " + rows + " rows is too big to predict", null);
    }
    boolean priorWhenEmpty = features.extra() == null;
    int k = classes.size();
    int prior = classes.mostFrequent();
    double priorShare = (double) classes.counts().get(prior) / classes.total();
    String[] labels = new String[rows];
    double[] confidence = new double[rows];
    int width = features.width();
    int chunk = Math.max(1, TextNgramsType.CHUNK_FLOATS / width);
    for (int from = 0; from < rows; from += chunk) {
      int to = Math.min(rows, from + chunk);
      Examples x = sparse.dense(null, from, to, width);
      float[] outputs = mlp.forward(x.features(), x.rows());
      for (int r = from; r < to; r++) {
        if (priorWhenEmpty && noText.get(r)) {
          labels[r] = classes.labels().get(prior);
          confidence[r] = priorShare;
          continue;
        }
        // Softmax in doubles, shifted by the largest logit; the first class wins a tie.
        int o = (r - from) * k;
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          if (outputs[o + c] > max) {
            max = outputs[o + c];
            best = c;
          }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          sum += Math.exp(outputs[o + c] - max);
        }
        labels[r] = classes.labels().get(best);
        confidence[r] = 1 / sum;
      }
    }
    return Predictions.labels(labels, confidence);
  }

  @Override
  public void save(Path folder) throws ModelException {
    try {
      Files.createDirectories(folder);
      mlp.save(folder);
      if (features.extra() != null) {
        features.extra().save(folder);
      }
      TextHasher hasher = features.hasher();
      Map<String, Object> text = new LinkedHashMap<>();
      text.put("format", TEXT_FORMAT);
      text.put("columns", features.text().stream().map(Column::name).toList());
      text.put("normalization", "NFKC");
      text.put("lowercase", "ROOT");
      text.put("maxChars", TextHasher.MAX_CHARS);
      text.put("maxTokens", TextHasher.MAX_TOKENS);
      text.put("ngrams", hasher.ngrams().id);
      text.put("charGram", TextHasher.CHAR_GRAM);
      text.put("hash", HASH);
      text.put("seed", hasher.seed());
      text.put("buckets", hasher.buckets());
      text.put("signed", hasher.signed());
      text.put("weighting", "log1p count, L2-normalized");
      Files.writeString(folder.resolve(TEXT_JSON), Json.write(text), StandardCharsets.UTF_8);

      Map<String, Object> model = new LinkedHashMap<>();
      List<Object> inputs = new ArrayList<>();
      for (Column c : features.inputs()) {
        inputs.add(column(c));
      }
      model.put("inputs", inputs);
      model.put("target", column(classes.target()));
      model.put("labels", classes.labels());
      model.put("counts", classes.counts());
      Map<String, Object> network = new LinkedHashMap<>();
      network.put("inputs", mlp.shape().inputs());
      network.put("hidden", mlp.shape().hidden());
      network.put("outputs", mlp.shape().outputs());
      model.put("network", network);
      model.put("hyperParameters", new LinkedHashMap<>(hyperParameters));
      Files.writeString(folder.resolve(MODEL_JSON), Json.write(model), StandardCharsets.UTF_8);
      // Written by hand, not Properties.store: no date line, so the same model is the same bytes.
      String properties =
          "# A Millwright model artifact (model.json, text.json and the network beside it)\n"
              + "format="
              + FORMAT
              + "\ntype="
              + TextNgramsType.ID
              + "\ntypeVersion="
              + TextNgramsType.VERSION
              + "\ntask="
              + Task.TEXT_CLASSIFICATION.name()
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

  @SuppressWarnings("unchecked")
  private static Column column(Object o) {
    Map<String, Object> c = (Map<String, Object>) o;
    return new Column((String) c.get("name"), ColumnKind.valueOf((String) c.get("kind")));
  }

  @SuppressWarnings("unchecked")
  static TextModel load(Path folder, ai.djl.Device device) throws ModelException {
    TextFeatures features;
    Classes classes;
    Mlp.MlpShape shape;
    Map<String, String> hyperParameters = new TreeMap<>();
    try (Reader in = Files.newBufferedReader(folder.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      Properties properties = new Properties();
      properties.load(in);
      if (!TextNgramsType.ID.equals(properties.getProperty("type"))) {
        throw ModelException.failed(
            "the artifact is a "
                + properties.getProperty("type")
                + " model, not "
                + TextNgramsType.ID,
            null);
      }
      int format = Integer.parseInt(properties.getProperty("format", "0"));
      if (format < 1 || format > FORMAT) {
        throw ModelException.failed(
            "artifact format " + format + " is not one this version reads (1 to " + FORMAT + ")",
            null);
      }
      Map<String, Object> text =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(TEXT_JSON), StandardCharsets.UTF_8));
      long textFormat = (Long) text.get("format");
      if (textFormat < 1 || textFormat > TEXT_FORMAT || !HASH.equals(text.get("hash"))) {
        throw ModelException.failed(
            "text hashing format "
                + textFormat
                + " ("
                + text.get("hash")
                + ") is not one this"
                + " version reads",
            null);
      }
      TextHasher hasher =
          new TextHasher(
              ((Long) text.get("buckets")).intValue(),
              TextHasher.Ngrams.of((String) text.get("ngrams")),
              (Boolean) text.get("signed"),
              ((Long) text.get("seed")).intValue());

      Map<String, Object> model =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(MODEL_JSON), StandardCharsets.UTF_8));
      List<Column> inputs = new ArrayList<>();
      ((List<Object>) model.get("inputs")).forEach(c -> inputs.add(column(c)));
      List<String> labels = new ArrayList<>();
      ((List<Object>) model.get("labels")).forEach(l -> labels.add((String) l));
      List<Long> counts = new ArrayList<>();
      ((List<Object>) model.get("counts")).forEach(c -> counts.add(((Number) c).longValue()));
      classes = new Classes(column(model.get("target")), labels, counts);
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

      boolean others = inputs.stream().anyMatch(c -> c.kind() != ColumnKind.TEXT);
      FeatureEncoder extra = others ? FeatureEncoder.load(folder) : null;
      features = new TextFeatures(inputs, hasher, extra);
      if (features.width() != shape.inputs() || classes.size() != shape.outputs()) {
        throw ModelException.failed(
            "the features ("
                + features.width()
                + ") or the classes ("
                + classes.size()
                + ") do not fit the network "
                + shape,
            null);
      }
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    }
    return new TextModel(features, classes, Mlp.load(folder, shape, device), hyperParameters);
  }

  @Override
  public void close() {
    mlp.close();
  }
}
