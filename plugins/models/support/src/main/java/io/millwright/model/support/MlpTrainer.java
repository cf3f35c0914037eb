package io.millwright.model.support;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.TrainingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains an {@link Mlp} with Adam on encoded examples: shuffled mini-batches, progress and
 * validation loss after every epoch, cancellation between mini-batches, optional early stopping
 * that keeps the best epoch's weights.
 *
 * <p>Deterministic for a seed, so that the same data, seed and settings give the same model bit for
 * bit (on the same machine and thread count): the initial weights come from a Java {@link Random}
 * of the seed ({@link SeededInitializer}), never from PyTorch's global generator; the mini-batches
 * are shuffled with another Java {@link Random} of the seed; the network has no dropout or other
 * random layer; every tensor it feeds the network is a PyTorch-owned copy ({@link Tensors}), so the
 * BLAS sees the same memory alignment in every run; and the host keeps PyTorch's thread count fixed
 * (tests: one) and MKL in its strict reproducible mode ({@code MKL_CBWR=AUTO,STRICT}).
 *
 * <p>Several runs may train at once in the JVM, from any model plugin: DJL's PyTorch engine allows
 * one {@link GradientCollector} at a time per JVM (a static flag), so every collection is done
 * holding the monitor of {@code GradientCollector.class}, which all plugins share because DJL is
 * loaded once, by the host.
 */
public final class MlpTrainer {

  /** What the network learns. */
  public enum Objective {
    /** Softmax cross-entropy on logits; targets are class indexes. */
    CLASSIFICATION,
    /** Half the squared error (L2); targets are (scaled) values; one output. */
    REGRESSION,
    /**
     * Half the squared error (L2) between the outputs and the inputs, averaged over the features:
     * an autoencoder, as many outputs as inputs; the examples' targets are ignored.
     */
    RECONSTRUCTION
  }

  /**
   * How to train.
   *
   * @param patience epochs without a better validation loss before stopping; 0 never stops early
   * @param bufferFloats the shuffle buffer's size in floats: examples are shuffled within it, and
   *     kept in memory across epochs when they all fit
   * @param linear the hidden layers (indexes into {@code hidden}) without a ReLU after them, see
   *     {@link Mlp.MlpShape#linear}; empty for a plain MLP
   */
  public record Settings(
      List<Integer> hidden,
      int epochs,
      double learningRate,
      int batchSize,
      int patience,
      long seed,
      long bufferFloats,
      List<Integer> linear) {

    public static final long DEFAULT_BUFFER_FLOATS = 32L << 20; // 128 MB of floats

    public Settings {
      hidden = List.copyOf(hidden);
      linear = List.copyOf(linear);
      if (epochs < 1 || batchSize < 1 || patience < 0 || !(learningRate > 0)) {
        throw new IllegalArgumentException("epochs, batch size, learning rate: " + this);
      }
    }

    /** Every hidden layer followed by a ReLU. */
    public Settings(
        List<Integer> hidden,
        int epochs,
        double learningRate,
        int batchSize,
        int patience,
        long seed,
        long bufferFloats) {
      this(hidden, epochs, learningRate, batchSize, patience, seed, bufferFloats, List.of());
    }

    public Settings(
        List<Integer> hidden,
        int epochs,
        double learningRate,
        int batchSize,
        int patience,
        long seed) {
      this(hidden, epochs, learningRate, batchSize, patience, seed, DEFAULT_BUFFER_FLOATS);
    }
  }

  /** What training gives: the network and how it went. */
  public record Result(Mlp mlp, int epochsRun, int bestEpoch, double bestValidationLoss) {}

  private final Objective objective;
  private final Settings settings;
  private final int inputs;
  private final int outputs;

  /**
   * @param outputs classes for {@link Objective#CLASSIFICATION}, 1 for regression, {@code inputs}
   *     for reconstruction
   */
  public MlpTrainer(Objective objective, int inputs, int outputs, Settings settings) {
    if (objective == Objective.REGRESSION && outputs != 1) {
      throw new IllegalArgumentException("regression has one output");
    }
    if (objective == Objective.RECONSTRUCTION && outputs != inputs) {
      throw new IllegalArgumentException("reconstruction has as many outputs as inputs");
    }
    this.objective = objective;
    this.inputs = inputs;
    this.outputs = outputs;
    this.settings = settings;
  }

  /**
   * Trains a network; on any exception nothing stays open.
   *
   * @throws ModelException CANCELLED when the context says so (checked between mini-batches),
   *     INVALID_INPUT when there are no training rows or the loss stops being a number
   */
  public Result train(
      ExampleSource training,
      ExampleSource validation,
      TrainingContext context,
      ai.djl.Device device)
      throws ModelException {
    Devices.engine().setRandomSeed(intSeed(settings.seed()));
    Mlp.MlpShape shape = new Mlp.MlpShape(inputs, settings.hidden(), outputs, settings.linear());
    Model model = Model.newInstance(Mlp.NAME, device, Devices.ENGINE);
    boolean done = false;
    try {
      model.setBlock(shape.block());
      Result result = run(model, shape, training, validation, context, device);
      done = true;
      return result;
    } catch (RuntimeException e) {
      throw ModelException.failed("training failed in the engine: " + e.getMessage(), e);
    } finally {
      if (!done) {
        model.close();
      }
    }
  }

  private Result run(
      Model model,
      Mlp.MlpShape shape,
      ExampleSource training,
      ExampleSource validation,
      TrainingContext context,
      ai.djl.Device device)
      throws ModelException {
    Loss loss =
        objective == Objective.CLASSIFICATION ? Loss.softmaxCrossEntropyLoss() : Loss.l2Loss();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                    .build())
            .optInitializer(new SeededInitializer(settings.seed()), Parameter.Type.WEIGHT)
            .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS)
            .optDevices(new ai.djl.Device[] {device});
    Random shuffle = new Random(settings.seed() ^ 0x5DEECE66DL);
    int epochs = settings.epochs();
    byte[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    int epoch = 0;
    Buffer trainingCache = null;
    Buffer validationCache = null;
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(1, inputs));
      while (epoch < epochs) {
        epoch++;
        Pass pass = new Pass(trainer, shuffle, context);
        trainingCache = pass.train(training, trainingCache);
        if (pass.rows == 0) {
          throw ModelException.invalidInput("there are no training rows with a target value");
        }
        double trainingLoss = pass.lossSum / pass.rows;
        if (!Double.isFinite(trainingLoss)) {
          throw ModelException.invalidInput(
              "training diverged (the loss is not a number): try a lower learning rate");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", trainingLoss);
        Pass check = new Pass(trainer, null, context);
        validationCache = check.validate(validation, validationCache);
        boolean stop = false;
        if (check.rows > 0) {
          double validationLoss = check.lossSum / check.rows;
          metrics.put("validation_loss", validationLoss);
          if (validationLoss < bestLoss) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            if (settings.patience() > 0) {
              best = parameters(model.getBlock());
            }
          } else if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
            stop = true;
          }
        }
        context.epochDone(epoch, epochs, metrics);
        if (stop) {
          context.log().log(
              Level.INFO,
              "stopped early after epoch {0}: validation loss best at epoch {1} ({2})",
              epoch,
              bestEpoch,
              bestLoss);
          break;
        }
      }
    }
    if (best != null && bestEpoch != epoch) {
      restore(model, best);
    }
    return new Result(new Mlp(model, shape), epoch, bestEpoch, bestLoss);
  }

  /** One pass over examples: training (shuffled, with steps) or validation (loss only). */
  private final class Pass {
    final Trainer trainer;
    final Random shuffle;
    final TrainingContext context;
    long rows;
    double lossSum;

    Pass(Trainer trainer, Random shuffle, TrainingContext context) {
      this.trainer = trainer;
      this.shuffle = shuffle;
      this.context = context;
    }

    /** Trains on every example; gives the buffer back when it held them all (to reuse). */
    Buffer train(ExampleSource source, Buffer cached) throws ModelException {
      if (cached != null) {
        step(cached);
        return cached;
      }
      Buffer buffer = new Buffer(capacity());
      int[] flushes = {0};
      source.forEach(
          examples -> {
            int at = 0;
            while (at < examples.rows()) {
              at += buffer.add(examples, at);
              if (buffer.full()) {
                step(buffer);
                buffer.clear();
                flushes[0]++;
              }
            }
          });
      if (buffer.rows > 0) {
        step(buffer);
        return flushes[0] == 0 ? buffer : null;
      }
      return null;
    }

    Buffer validate(ExampleSource source, Buffer cached) throws ModelException {
      if (cached != null) {
        evaluate(cached);
        return cached;
      }
      Buffer buffer = new Buffer(capacity());
      int[] flushes = {0};
      source.forEach(
          examples -> {
            int at = 0;
            while (at < examples.rows()) {
              at += buffer.add(examples, at);
              if (buffer.full()) {
                evaluate(buffer);
                buffer.clear();
                flushes[0]++;
              }
            }
          });
      if (buffer.rows > 0) {
        evaluate(buffer);
        return flushes[0] == 0 ? buffer : null;
      }
      return null;
    }

    /** Shuffled mini-batches of the buffer, each one optimizer step. */
    private void step(Buffer buffer) throws ModelException {
      int n = buffer.rows;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = shuffle.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      int batch = settings.batchSize();
      for (int from = 0; from < n; from += batch) {
        if (context.cancelled()) {
          throw ModelException.cancelled();
        }
        int size = Math.min(batch, n - from);
        float[] x = new float[size * inputs];
        float[] y = new float[size];
        for (int r = 0; r < size; r++) {
          int row = order[from + r];
          System.arraycopy(buffer.features, row * inputs, x, r * inputs, inputs);
          y[r] = buffer.targets[row];
        }
        try (NDManager manager = trainer.getManager().newSubManager()) {
          NDList features = new NDList(Tensors.owned(manager, x, new Shape(size, inputs)));
          NDList labels = new NDList(labels(manager, x, y, size));
          float value;
          synchronized (GradientCollector.class) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
              NDList predictions = trainer.forward(features);
              NDArray l = trainer.getLoss().evaluate(labels, predictions);
              collector.backward(l);
              value = l.getFloat();
            }
          }
          trainer.step();
          lossSum += (double) value * size;
          rows += size;
        }
      }
    }

    private void evaluate(Buffer buffer) throws ModelException {
      int chunk = Mlp.PREDICT_CHUNK;
      for (int from = 0; from < buffer.rows; from += chunk) {
        if (context.cancelled()) {
          throw ModelException.cancelled();
        }
        int size = Math.min(chunk, buffer.rows - from);
        float[] x = new float[size * inputs];
        float[] y = new float[size];
        System.arraycopy(buffer.features, from * inputs, x, 0, x.length);
        System.arraycopy(buffer.targets, from, y, 0, size);
        try (NDManager manager = trainer.getManager().newSubManager()) {
          NDList predictions =
              trainer.evaluate(new NDList(Tensors.owned(manager, x, new Shape(size, inputs))));
          NDArray l =
              trainer.getLoss().evaluate(new NDList(labels(manager, x, y, size)), predictions);
          lossSum += (double) l.getFloat() * size;
          rows += size;
        }
      }
    }
  }

  private NDArray labels(NDManager manager, float[] x, float[] y, int size) {
    if (objective == Objective.RECONSTRUCTION) {
      return Tensors.owned(manager, x, new Shape(size, inputs));
    }
    if (objective == Objective.CLASSIFICATION) {
      long[] classes = new long[size];
      for (int i = 0; i < size; i++) {
        classes[i] = (long) y[i];
      }
      return Tensors.owned(manager, classes, new Shape(size));
    }
    return Tensors.owned(manager, y, new Shape(size, 1));
  }

  private long capacity() {
    return Math.max(settings.batchSize(), settings.bufferFloats() / Math.max(1, inputs));
  }

  /** Examples gathered for shuffling; grows as needed, so small data allocates little. */
  private final class Buffer {
    final int capacity;
    float[] features = new float[0];
    float[] targets = new float[0];
    int rows;

    Buffer(long capacity) {
      this.capacity = (int) Math.min(capacity, (Integer.MAX_VALUE - 8) / Math.max(1, inputs));
    }

    boolean full() {
      return rows == capacity;
    }

    void clear() {
      rows = 0;
    }

    /** Copies examples from {@code at} on until full; returns how many rows it took. */
    int add(Examples examples, int at) throws ModelException {
      if (examples.rows() > 0 && examples.width() != inputs) {
        throw ModelException.failed(
            "examples of " + examples.width() + " features for a network of " + inputs, null);
      }
      int n = Math.min(examples.rows() - at, capacity - rows);
      if (rows + n > targets.length) {
        int grown = (int) Math.min(capacity, Math.max(rows + n, 2L * targets.length));
        features = java.util.Arrays.copyOf(features, grown * inputs);
        targets = java.util.Arrays.copyOf(targets, grown);
      }
      System.arraycopy(examples.features(), at * inputs, features, rows * inputs, n * inputs);
      System.arraycopy(examples.targets(), at, targets, rows, n);
      rows += n;
      return n;
    }
  }

  private static byte[] parameters(Block block) throws ModelException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw ModelException.failed("cannot copy the best weights", e);
    }
    return bytes.toByteArray();
  }

  private static void restore(Model model, byte[] parameters) throws ModelException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      model.getBlock().loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException e) {
      throw ModelException.failed("cannot restore the best weights", e);
    }
  }

  static int intSeed(long seed) {
    return (int) (seed ^ (seed >>> 32));
  }
}
