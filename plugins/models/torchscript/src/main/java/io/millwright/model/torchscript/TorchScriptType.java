package io.millwright.model.torchscript;

import io.millwright.model.support.Devices;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingContext;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Bring your own model: a TorchScript file the person trained and saved elsewhere ({@code
 * torch.jit.save}), imported instead of learned (API 1.3, {@link
 * ModelTypeDescriptor#importsModel()}). Training loads the supplied file with DJL's PyTorch engine
 * (provided by the host), runs the run's training and validation rows through it to check that it
 * keeps the contract ({@link Io}) and reports how it does on them as one epoch; it learns nothing.
 * Stateless: every run keeps its state in its own objects.
 */
@Extension
public class TorchScriptType implements ModelType {

  static final String ID = "torchscript";
  static final String VERSION = "1.0.0";

  /** More classes than this is not a classification to score a table with. */
  static final int MAX_CLASSES = 1000;

  /** The two first bytes of a {@code torch.save} pickle, which TorchScript cannot load. */
  private static final int PICKLE_PROTOCOL = 0x80;

  private static final ModelTypeDescriptor DESCRIPTOR =
      new ModelTypeDescriptor(
          ID,
          VERSION,
          "Your own model (TorchScript)",
          "Upload a model you trained in PyTorch and saved with torch.jit.save (a .pt file). It"
              + " receives the selected numeric columns, in the order you chose them, as one"
              + " float32 tensor of shape [rows, columns], with missing values as 0. For"
              + " regression it returns one number per row, shape [rows] or [rows, 1]; for"
              + " classification one score per class, shape [rows, classes], where the classes"
              + " are the target's distinct values in the training rows, sorted (numbers by"
              + " value, false before true, text by character code), and the highest score wins."
              + " The run checks the file against your data, reports how it does and serves it"
              + " like any other model; nothing is retrained.",
          Set.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION, Task.REGRESSION),
          Set.of(ColumnKind.NUMBER, ColumnKind.BOOLEAN),
          List.of(),
          false,
          true);

  @Override
  public ModelTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    if (context.cancelled()) {
      throw ModelException.cancelled();
    }
    TrainingSpec spec = data.spec();
    Io wanted = expected(spec, data.training());
    Path supplied =
        context
            .suppliedModel()
            .orElseThrow(
                () ->
                    ModelException.invalidInput(
                        "upload the TorchScript file (.pt) with the run: this model type imports"
                            + " your trained model instead of learning one"));
    byte[] file = read(supplied);
    ai.djl.Device device = Devices.of(context.device(), context.log());
    TorchScriptNet net;
    try {
      net = TorchScriptNet.load(supplied, device);
    } catch (TorchScriptNet.EngineFailure e) {
      throw ModelException.invalidInput(
          "the uploaded file is not a TorchScript model PyTorch 2.7 can load ("
              + e.getMessage()
              + "); save your model with torch.jit.save(torch.jit.script(model), \"model.pt\")"
              + " or torch.jit.trace");
    }
    try {
      context.log().log(
          Level.INFO,
          "{0}: checking the uploaded model ({1} bytes) on {2} training rows: input {3}, {4}, on"
              + " {5}",
          ID,
          file.length,
          data.trainingRows(),
          wanted.inputText(),
          wanted.classification() ? "classes " + wanted.labels() : "one value per row",
          device);
      Check training = check(net, wanted, data.training(), context, "training");
      if (training.rows == 0) {
        throw ModelException.invalidInput(
            "the training rows have no "
                + wanted.target().name()
                + " to check the uploaded model against");
      }
      Io io =
          new Io(
              wanted.task(),
              wanted.features(),
              wanted.target(),
              wanted.labels(),
              wanted.classification() && training.probabilities);
      Check validation = check(net, io, data.validation(), context, "validation");
      Map<String, Double> metrics = new LinkedHashMap<>();
      training.metrics(io, "").forEach(metrics::put);
      if (validation.rows > 0) {
        validation.metrics(io, "validation_").forEach(metrics::put);
      }
      if (context.cancelled()) {
        throw ModelException.cancelled();
      }
      context.log().log(Level.INFO, "{0}: the uploaded model keeps the contract: {1}", ID, metrics);
      context.epochDone(1, 1, metrics);
      return new TorchScriptModel(file, net, io);
    } catch (ModelException | RuntimeException e) {
      net.close();
      throw e;
    }
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    return TorchScriptModel.load(
        folder, Devices.of(device, System.getLogger(TorchScriptType.class.getName())));
  }

  /** The input and output the run's spec and training rows ask for (scores taken as logits). */
  static Io expected(TrainingSpec spec, Iterable<DataBatch> training) throws ModelException {
    Task task = spec.task();
    if (!DESCRIPTOR.tasks().contains(task)) {
      throw ModelException.invalidInput("an uploaded TorchScript model cannot be used for " + task);
    }
    Column target = spec.target();
    if (target == null) {
      throw ModelException.invalidInput("choose the column the model predicts");
    }
    if (spec.features().isEmpty()) {
      throw ModelException.invalidInput("choose the columns the model takes as its input");
    }
    for (Column f : spec.features()) {
      if (f.name().equals(target.name())) {
        throw ModelException.invalidInput(
            "the column to predict, " + target.name() + ", cannot also be an input");
      }
      if (!DESCRIPTOR.featureKinds().contains(f.kind())) {
        throw ModelException.invalidInput(
            "column "
                + f.name()
                + " ("
                + f.kind()
                + ") cannot be an input of a TorchScript model: it takes numbers and true/false"
                + " (as 1/0) only");
      }
    }
    if (task == Task.REGRESSION) {
      if (target.kind() != ColumnKind.NUMBER) {
        throw ModelException.invalidInput(
            "regression predicts a number; " + target.name() + " is " + target.kind());
      }
      return new Io(task, spec.features(), target, List.of(), false);
    }
    List<String> labels = labels(target, training);
    if (labels.size() < 2) {
      throw ModelException.invalidInput(
          target.name()
              + " has "
              + (labels.isEmpty() ? "no values" : "only the value " + labels.get(0))
              + " in the training rows: there is nothing to tell apart");
    }
    if (task == Task.BINARY_CLASSIFICATION && labels.size() > 2) {
      throw ModelException.invalidInput(
          target.name()
              + " has "
              + labels.size()
              + " different values; two-class classification needs exactly two");
    }
    return new Io(task, spec.features(), target, labels, false);
  }

  /**
   * The distinct values of a classification target over the training rows, in the order of the
   * module's scores: numbers by value, false before true, text by {@link String#compareTo}.
   */
  static List<String> labels(Column target, Iterable<DataBatch> training) throws ModelException {
    if (target.kind() == ColumnKind.TIMESTAMP || target.kind() == ColumnKind.TEXT) {
      throw ModelException.invalidInput(
          target.kind().name().toLowerCase(java.util.Locale.ROOT)
              + " cannot be a class to predict: "
              + target.name());
    }
    if (!target.kind().numeric()) {
      TreeSet<String> seen = new TreeSet<>();
      for (DataBatch batch : training) {
        for (String v : batch.strings(target.name())) {
          if (v != null && seen.add(v) && seen.size() > MAX_CLASSES) {
            throw tooMany(target);
          }
        }
      }
      return List.copyOf(seen);
    }
    TreeSet<Double> seen = new TreeSet<>(Comparator.naturalOrder());
    for (DataBatch batch : training) {
      for (double v : batch.numbers(target.name())) {
        if (Double.isFinite(v) && seen.add(v) && seen.size() > MAX_CLASSES) {
          throw tooMany(target);
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (double v : seen) {
      out.add(label(target.kind(), v));
    }
    return out;
  }

  private static ModelException tooMany(Column target) {
    return ModelException.invalidInput(
        target.name()
            + " has more than "
            + MAX_CLASSES
            + " different values: predict a number (regression) or a coarser column");
  }

  /** A numeric target value as its label: {@code true}/{@code false}, {@code 3}, {@code 2.5}. */
  static String label(ColumnKind kind, double v) {
    if (kind == ColumnKind.BOOLEAN) {
      return v != 0 ? "true" : "false";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** The labels of a batch's target, null where missing. */
  static String[] labelsOf(Column target, DataBatch batch) {
    if (!target.kind().numeric()) {
      return batch.strings(target.name());
    }
    double[] values = batch.numbers(target.name());
    String[] out = new String[values.length];
    for (int r = 0; r < values.length; r++) {
      if (Double.isFinite(values[r])) {
        out[r] = label(target.kind(), values[r]);
      }
    }
    return out;
  }

  private static byte[] read(Path supplied) throws ModelException {
    byte[] file;
    try {
      file = Files.readAllBytes(supplied);
    } catch (IOException e) {
      throw ModelException.failed("cannot read the uploaded model file", e);
    }
    if (file.length >= 2 && (file[0] & 0xff) == PICKLE_PROTOCOL && file[1] <= 5) {
      throw ModelException.invalidInput(
          "the uploaded file was saved with torch.save (a pickle), not as TorchScript: save the"
              + " model with torch.jit.save(torch.jit.script(model), \"model.pt\") or"
              + " torch.jit.trace");
    }
    if (file.length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4) {
      throw ModelException.invalidInput(
          "the uploaded file is not a TorchScript model (a .pt file saved with torch.jit.save is"
              + " a zip archive; this one is not)");
    }
    return file;
  }

  /** What running some rows through the module showed. */
  private static final class Check {
    long rows;
    long right;

    /** Squared error (regression) or cross-entropy of the scores' softmax, summed. */
    double loss;

    /** Cross-entropy of the scores taken as probabilities, summed. */
    double probabilityLoss;

    /** Whether every row's scores were non-negative and summed to 1. */
    boolean probabilities = true;

    Map<String, Double> metrics(Io io, String prefix) {
      Map<String, Double> out = new LinkedHashMap<>();
      if (rows == 0) {
        return out;
      }
      if (io.classification()) {
        out.put(prefix + "loss", (io.probabilities() ? probabilityLoss : loss) / rows);
        out.put(prefix + "accuracy", (double) right / rows);
      } else {
        out.put(prefix + "loss", loss / rows);
        out.put(prefix + "rmse", Math.sqrt(loss / rows));
      }
      return out;
    }
  }

  /**
   * Runs every batch through the module, checking between batches for a cancel: the output's shape
   * and that it is finite, and the loss (squared error, or cross-entropy of the softmax or given
   * probabilities) and accuracy on the rows with a known target.
   */
  private static Check check(
      TorchScriptNet net, Io io, Iterable<DataBatch> batches, TrainingContext context, String which)
      throws ModelException {
    Check check = new Check();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < io.labels().size(); i++) {
      index.put(io.labels().get(i), i);
    }
    long seen = 0;
    for (DataBatch batch : batches) {
      for (int from = 0; from < batch.size(); from += TorchScriptModel.CHUNK) {
        if (context.cancelled()) {
          throw ModelException.cancelled();
        }
        int to = Math.min(batch.size(), from + TorchScriptModel.CHUNK);
        int rows = to - from;
        TorchScriptNet.Output out;
        try {
          out = net.forward(io.input(batch, from, to), rows, io.width());
        } catch (TorchScriptNet.EngineFailure e) {
          throw refusal(io, rows, e);
        }
        String problem = io.shapeProblem(out.shape(), rows);
        if (problem != null) {
          throw ModelException.invalidInput("the uploaded model does not fit the run: " + problem);
        }
        float[] y = out.values();
        for (int i = 0; i < y.length; i++) {
          if (!Float.isFinite(y[i])) {
            int row = i / io.outputs();
            throw ModelException.invalidInput(
                "the uploaded model returns "
                    + y[i]
                    + " for "
                    + which
                    + " row "
                    + (seen + from + row + 1)
                    + " (input "
                    + java.util.Arrays.toString(
                        java.util.Arrays.copyOfRange(
                            io.input(batch, from + row, from + row + 1), 0, io.width()))
                    + "): every output must be a finite number");
          }
        }
        if (io.classification()) {
          score(io, index, batch, from, to, y, check);
        } else {
          double[] truth = batch.numbers(io.target().name());
          for (int r = 0; r < rows; r++) {
            double t = truth[from + r];
            if (Double.isFinite(t)) {
              double d = y[r] - t;
              check.loss += d * d;
              check.rows++;
            }
          }
        }
      }
      seen += batch.size();
    }
    return check;
  }

  /** A multiplication of the input by the first layer's weights that does not fit. */
  private static final Pattern MATMUL =
      Pattern.compile("shapes cannot be multiplied \\((\\d+)x(\\d+) and (\\d+)x(\\d+)\\)");

  /**
   * Why the module failed on the run's rows, for the person: what it returned, or the engine's
   * reason with the input it was given and, when the reason shows it (a first linear layer), how
   * many columns the module takes.
   */
  private static ModelException refusal(Io io, int rows, TorchScriptNet.EngineFailure e) {
    if (e.output()) {
      return ModelException.invalidInput(
          "the uploaded model does not fit the run: " + e.getMessage());
    }
    String given = io.inputText().replace("[batch", "[" + rows);
    String advice = ". It must take exactly these columns, in this order, as one float32 tensor";
    Matcher m = MATMUL.matcher(e.getMessage());
    if (m.find()
        && Long.parseLong(m.group(1)) == rows
        && Long.parseLong(m.group(2)) == io.width()
        && Long.parseLong(m.group(3)) != io.width()) {
      return ModelException.invalidInput(
          "the uploaded model takes "
              + m.group(3)
              + " input columns, but the run gives it "
              + io.width()
              + ", as "
              + given
              + " (PyTorch: "
              + e.getMessage()
              + ")"
              + advice);
    }
    return ModelException.invalidInput(
        "the uploaded model fails on the run's input, " + given + ": " + e.getMessage() + advice);
  }

  private static void score(
      Io io,
      Map<String, Integer> index,
      DataBatch batch,
      int from,
      int to,
      float[] y,
      Check check) {
    int k = io.outputs();
    String[] truth = labelsOf(io.target(), batch);
    for (int r = 0; r < to - from; r++) {
      double sum = 0;
      boolean nonNegative = true;
      for (int c = 0; c < k; c++) {
        sum += y[r * k + c];
        nonNegative &= y[r * k + c] >= 0;
      }
      check.probabilities &= nonNegative && Math.abs(sum - 1) <= 1e-3;
      Integer actual = truth[from + r] == null ? null : index.get(truth[from + r]);
      if (actual == null) {
        continue; // no target, or a class the training rows never had
      }
      check.rows++;
      int best = TorchScriptModel.argmax(y, r * k, k);
      check.right += best == actual ? 1 : 0;
      check.loss += crossEntropy(y, r * k, k, actual, false);
      check.probabilityLoss += crossEntropy(y, r * k, k, actual, true);
    }
  }

  /** −log p(actual), from the softmax of logits or the probabilities given (floored at 1e-12). */
  private static double crossEntropy(
      float[] y, int offset, int k, int actual, boolean probabilities) {
    if (probabilities) {
      return -Math.log(Math.max(y[offset + actual], 1e-12));
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, y[offset + c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += Math.exp(y[offset + c] - max);
    }
    return -(y[offset + actual] - max - Math.log(sum));
  }
}
