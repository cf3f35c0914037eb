package io.millwright.model.torchscript;

import io.millwright.model.support.Devices;
import io.millwright.model.support.Json;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelSignature;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An imported TorchScript module with what it takes and gives ({@link Io}). Its artifact folder
 * holds
 *
 * <ul>
 *   <li>{@code model.pt}: the person's file, byte for byte;
 *   <li>{@code model.json}: artifact format, type id and version, task, the file's SHA-256, the
 *       input (feature columns in order), the target, the labels in output order and whether the
 *       scores are logits or probabilities.
 * </ul>
 *
 * Thread-safe for {@link #predict} (the module itself runs one call at a time, see {@link
 * TorchScriptNet}). Keeps the file's bytes, so that {@link #save} works after the host has deleted
 * the uploaded copy.
 */
final class TorchScriptModel implements TrainedModel {

  static final String FILE = "model.pt";
  static final String MODEL_JSON = "model.json";

  /** The artifact layout's version; {@link #load} reads every one up to it. */
  static final int FORMAT = 1;

  /** Rows per forward pass, to bound memory on big batches. */
  static final int CHUNK = 4096;

  private final byte[] file;
  private final TorchScriptNet net;
  private final Io io;

  TorchScriptModel(byte[] file, TorchScriptNet net, Io io) {
    this.file = file;
    this.net = net;
    this.io = io;
  }

  Io io() {
    return io;
  }

  @Override
  public ModelSignature signature() {
    return new ModelSignature(io.task(), io.features(), io.target(), io.labels());
  }

  @Override
  public Predictions predict(DataBatch batch) throws ModelException {
    int rows = batch.size();
    double[] values = new double[rows];
    String[] labels = io.classification() ? new String[rows] : null;
    for (int from = 0; from < rows; from += CHUNK) {
      int to = Math.min(rows, from + CHUNK);
      TorchScriptNet.Output out = run(net, io, batch, from, to);
      String problem = io.shapeProblem(out.shape(), to - from);
      if (problem != null) {
        throw ModelException.failed(
            "the TorchScript model no longer keeps its shape: " + problem, null);
      }
      if (labels == null) {
        for (int r = from; r < to; r++) {
          values[r] = out.values()[r - from];
        }
      } else {
        int k = io.outputs();
        for (int r = from; r < to; r++) {
          int best = argmax(out.values(), (r - from) * k, k);
          labels[r] = io.labels().get(best);
          values[r] = confidence(out.values(), (r - from) * k, k, best, io.probabilities());
        }
      }
    }
    return labels == null ? Predictions.values(values) : Predictions.labels(labels, values);
  }

  /** The module's output for some rows of a batch. */
  static TorchScriptNet.Output run(TorchScriptNet net, Io io, DataBatch batch, int from, int to)
      throws ModelException {
    try {
      return net.forward(io.input(batch, from, to), to - from, io.width());
    } catch (TorchScriptNet.EngineFailure e) {
      throw ModelException.failed("the TorchScript model could not predict: " + e.getMessage(), e);
    }
  }

  /** The highest score's index (the first of equals, NaN never); 0 when every score is NaN. */
  static int argmax(float[] scores, int offset, int k) {
    int best = -1;
    float max = 0;
    for (int c = 0; c < k; c++) {
      float v = scores[offset + c];
      if (!Float.isNaN(v) && (best < 0 || v > max)) {
        best = c;
        max = v;
      }
    }
    return Math.max(best, 0);
  }

  /**
   * The confidence of the predicted class: its probability as given, or the softmax of the scores
   * (in doubles, shifted by the highest); 1/k when the scores say nothing usable.
   */
  static double confidence(float[] scores, int offset, int k, int best, boolean probabilities) {
    double p;
    if (probabilities) {
      p = scores[offset + best];
    } else {
      double max = scores[offset + best];
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double v = scores[offset + c];
        if (!Double.isNaN(v)) {
          sum += Math.exp(v - max);
        }
      }
      p = 1 / sum;
    }
    return Double.isFinite(p) ? Math.min(1, Math.max(0, p)) : 1.0 / k;
  }

  @Override
  public void save(Path folder) throws ModelException {
    try {
      Files.createDirectories(folder);
      Files.write(folder.resolve(FILE), file);
      Files.writeString(folder.resolve(MODEL_JSON), Json.write(json()), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot save the model into " + folder, e);
    }
  }

  private Map<String, Object> json() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("format", FORMAT);
    model.put("type", TorchScriptType.ID);
    model.put("typeVersion", TorchScriptType.VERSION);
    model.put("task", io.task().name());
    model.put("engine", Devices.ENGINE);
    model.put("file", FILE);
    model.put("sha256", sha256(file));
    model.put("inputDtype", "float32");
    model.put("missingValue", 0);
    List<Object> features = new ArrayList<>();
    for (Column c : io.features()) {
      features.add(column(c));
    }
    model.put("features", features);
    model.put("target", column(io.target()));
    if (io.classification()) {
      model.put("labels", io.labels());
      model.put("scores", io.probabilities() ? "probabilities" : "logits");
    }
    return model;
  }

  private static Map<String, Object> column(Column c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("kind", c.kind().name());
    return out;
  }

  @SuppressWarnings("unchecked")
  static TorchScriptModel load(Path folder, ai.djl.Device device) throws ModelException {
    Io io;
    byte[] file;
    try {
      Map<String, Object> model =
          (Map<String, Object>)
              Json.read(Files.readString(folder.resolve(MODEL_JSON), StandardCharsets.UTF_8));
      if (!TorchScriptType.ID.equals(model.get("type"))) {
        throw ModelException.failed(
            "the artifact is a " + model.get("type") + " model, not " + TorchScriptType.ID, null);
      }
      int format = ((Number) model.getOrDefault("format", 0L)).intValue();
      if (format < 1 || format > FORMAT) {
        throw ModelException.failed(
            "artifact format " + format + " is not one this version reads (1 to " + FORMAT + ")",
            null);
      }
      Task task = Task.valueOf((String) model.get("task"));
      List<Column> features = new ArrayList<>();
      for (Object f : (List<Object>) model.get("features")) {
        features.add(column((Map<String, Object>) f));
      }
      List<String> labels = new ArrayList<>();
      ((List<Object>) model.getOrDefault("labels", List.of())).forEach(l -> labels.add((String) l));
      io =
          new Io(
              task,
              features,
              column((Map<String, Object>) model.get("target")),
              labels,
              "probabilities".equals(model.get("scores")));
      file = Files.readAllBytes(folder.resolve(FILE));
      if (!sha256(file).equals(model.get("sha256"))) {
        throw ModelException.failed(FILE + " is not the file this model was saved with", null);
      }
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the model in " + folder + ": " + e.getMessage(), e);
    }
    try {
      return new TorchScriptModel(file, TorchScriptNet.load(folder.resolve(FILE), device), io);
    } catch (TorchScriptNet.EngineFailure e) {
      throw ModelException.failed("cannot load " + FILE + ": " + e.getMessage(), e);
    }
  }

  private static Column column(Map<String, Object> c) {
    return new Column((String) c.get("name"), ColumnKind.valueOf((String) c.get("kind")));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    net.close();
  }
}
