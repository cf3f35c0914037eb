package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Models, measured: the tabular MLP's training throughput through the platform (a durable job on
 * the running server: snapshot read, host context, progress stored per epoch, cancellation checks)
 * against a plain DJL loop in this JVM on the same rows with the same network, loss, optimizer,
 * batches, validation pass and PyTorch thread count, in the same run; the admission latency of a
 * job on an idle queue (queued → running, from the run's own timestamps); and the artifact: its
 * size, the platform's save + store time when the run reports it, a plain DJL save and load of the
 * same network. Figures only, no asserted times.
 */
class TrainingBenchmarkIT {

  static final int ROWS = 200_000;
  static final int FEATURES = 8;
  static final long DATA_SEED = 20261130L;
  static final long RUN_SEED = 7L;
  static final int EPOCHS = 8;
  static final int ROUNDS = 3;
  static final int BATCH = 256;
  static final String HIDDEN = "64,32";
  static final double LEARNING_RATE = 0.01;
  static final double VALIDATION_FRACTION = 0.2; // the platform's default
  static final int PREDICT_CHUNK = 4096; // MlpTrainer's validation chunk (Mlp.PREDICT_CHUNK)
  static final int ADMISSIONS = 10;

  /** The generated rows: features at 4 decimals (exactly as written in the CSV) and the label. */
  record Data(double[][] x, boolean[] y) {}

  /**
   * A learnable boundary (linear part, an interaction, a step) with 5 % of labels flipped, so the
   * network has something to fit and never fits it perfectly.
   */
  static Data data(int n, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][FEATURES];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < FEATURES; f++) {
        x[i][f] = Math.round(random.nextGaussian() * 10_000) / 10_000.0;
      }
      double score =
          x[i][0]
              + 0.5 * x[i][1]
              - 0.7 * x[i][2] * x[i][3]
              + (x[i][4] > 0 ? 0.5 : -0.5)
              - 0.3 * x[i][5];
      y[i] = (score > 0) != (random.nextDouble() < 0.05);
    }
    return new Data(x, y);
  }

  static String csv(Data d) {
    StringBuilder b = new StringBuilder(d.y().length * (FEATURES * 9 + 7));
    for (int f = 1; f <= FEATURES; f++) {
      b.append('x').append(f).append(',');
    }
    b.append("label\n");
    for (int i = 0; i < d.y().length; i++) {
      for (int f = 0; f < FEATURES; f++) {
        decimal(b, d.x()[i][f]).append(',');
      }
      b.append(d.y()[i]).append('\n');
    }
    return b.toString();
  }

  /** Plain notation with 4 decimals (Double.toString would write 1.0E-4). */
  static StringBuilder decimal(StringBuilder b, double v) {
    long scaled = Math.round(v * 10_000);
    if (scaled < 0) {
      b.append('-');
      scaled = -scaled;
    }
    long frac = scaled % 10_000;
    b.append(scaled / 10_000).append('.');
    for (long d = 1000; d > 0; d /= 10) {
      b.append((char) ('0' + (frac / d) % 10));
    }
    return b;
  }

  static String declaration(String name) {
    StringBuilder b = new StringBuilder("{\"name\":\"" + name + "\",\"columns\":[");
    for (int f = 1; f <= FEATURES; f++) {
      b.append("{\"name\":\"x").append(f).append("\",\"type\":\"decimal\"},");
    }
    return b.append("{\"name\":\"label\",\"type\":\"boolean\"}]}").toString();
  }

  static String base(Fixtures.TestTenant t) {
    return "/api/tenants/" + t.slug();
  }

  static String request(String model, String dataset, int epochs, String hidden) {
    return "{\"model\":\""
        + model
        + "\",\"dataset\":\""
        + dataset
        + "\",\"target\":\"label\",\"modelType\":\"tabular-mlp\",\"seed\":"
        + RUN_SEED
        + ",\"hyperParameters\":{\"epochs\":\""
        + epochs
        + "\",\"earlyStoppingPatience\":\"0\",\"batchSize\":\""
        + BATCH
        + "\",\"hiddenLayers\":\""
        + hidden
        + "\",\"learningRate\":\""
        + LEARNING_RATE
        + "\"}}";
  }

  static JsonObject train(Fixtures.TestTenant t, String token, String body, Duration atMost) {
    Reply r = Api.post(base(t) + "/training-runs", token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    String id = r.json().getString("id");
    JsonObject[] run = new JsonObject[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              run[0] = Api.get(base(t) + "/training-runs/" + id, token).json();
              String s = run[0].getString("status");
              return s.equals("succeeded") || s.equals("failed") || s.equals("cancelled");
            });
    assertThat(run[0].getString("status")).as(run[0].toString()).isEqualTo("succeeded");
    return run[0];
  }

  static double seconds(JsonObject run, String from, String to) {
    return Duration.between(Instant.parse(run.getString(from)), Instant.parse(run.getString(to)))
            .toNanos()
        / 1e9;
  }

  static double median(List<Double> values) {
    return Bench.percentile(
        Bench.sortedCopy(values.stream().mapToDouble(Double::doubleValue).toArray()), 50);
  }

  @Test
  void trainingFigures() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    Fixtures.TestTenant tenant = Fixtures.tenant("trainbench");
    String engineer = Fixtures.member(tenant, "engineer", "data-engineer");
    Data data = data(ROWS, DATA_SEED);
    for (String name : new String[] {"rows", "tiny"}) {
      Reply made = Api.post(base(tenant) + "/datasets", engineer, declaration(name));
      assertThat(made.status()).as(made.toString()).isEqualTo(201);
    }
    Reply up = DatasetsIT.upload(engineer, tenant, "rows", csv(data));
    assertThat(up.status()).as(up.toString()).isEqualTo(201);
    assertThat(up.json().getInt("rowsWritten")).isEqualTo(ROWS);
    Reply tiny = DatasetsIT.upload(engineer, tenant, "tiny", csv(data(500, DATA_SEED + 1)));
    assertThat(tiny.status()).as(tiny.toString()).isEqualTo(201);

    // 1. Admission on an idle queue: one-epoch runs one after another (this tenant may run one
    // job at a time in the test set-up, so each starts on an empty queue). They also warm the
    // server's training path (engine loaded, code compiled) before the throughput run.
    List<Double> admissions = new ArrayList<>();
    for (int i = 0; i < ADMISSIONS; i++) {
      JsonObject run =
          train(tenant, engineer, request("tiny", "tiny", 1, "32"), Duration.ofMinutes(2));
      admissions.add(seconds(run, "queuedAt", "startedAt") * 1000);
    }
    double[] sorted =
        Bench.sortedCopy(admissions.stream().mapToDouble(Double::doubleValue).toArray());
    Bench.report(
        "| Job admission on an idle queue, queued → running (the run's queuedAt → startedAt), "
            + ADMISSIONS
            + " one-epoch tabular-mlp runs one after another; job engine poll interval "
            + Env.get("MILLWRIGHT_JOBS_POLL_INTERVAL", "PT2S (default)")
            + ", immediate execution on submit | p50 "
            + Bench.f(Bench.percentile(sorted, 50))
            + " ms, p95 "
            + Bench.f(Bench.percentile(sorted, 95))
            + " ms, max "
            + Bench.f(sorted[sorted.length - 1])
            + " ms | | |");

    // 2. Throughput. Warm both sides first (the JIT keeps speeding the step loop up over the
    // first thousand steps): a two-epoch plain loop here and a two-epoch run on the server on the
    // same rows. Then two rounds, each a platform run and a plain loop, interleaved so that the
    // machine's drift hits both; each side's figure is the median over its epochs 2..N of both
    // rounds (epoch 1 of a run includes the platform's encoding and the plain loop's warm-up).
    plainLoop(data, 2);
    train(tenant, engineer, request("warm", "rows", 2, HIDDEN), Duration.ofMinutes(30));
    List<JsonObject> runs = new ArrayList<>();
    List<Plain> plains = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      runs.add(
          train(
              tenant, engineer, request("bench", "rows", EPOCHS, HIDDEN), Duration.ofMinutes(30)));
      plains.add(plainLoop(data, EPOCHS));
    }
    JsonObject run = runs.get(runs.size() - 1);
    Plain last = plains.get(plains.size() - 1);
    long trainingRows = run.getJsonNumber("trainingRows").longValue();
    assertThat(trainingRows).as("the same split sizes").isEqualTo(last.trainingRows());

    List<List<Double>> platformEpochs = new ArrayList<>();
    for (JsonObject r : runs) {
      List<JsonObject> epochs =
          r.getJsonArray("epochs").stream().map(JsonValue::asJsonObject).toList();
      assertThat(epochs).hasSize(EPOCHS);
      List<Double> seconds = new ArrayList<>();
      for (JsonObject e : epochs) {
        if (e.get("seconds") instanceof JsonNumber n) {
          seconds.add(n.doubleValue());
        }
      }
      platformEpochs.add(seconds);
    }
    boolean timed = platformEpochs.stream().allMatch(e -> e.size() == EPOCHS);
    List<Double> plainSteady = new ArrayList<>();
    plains.forEach(p -> plainSteady.addAll(p.epochSeconds().subList(1, EPOCHS)));
    double plainMedian = median(plainSteady);
    double plainRate = trainingRows / plainMedian;
    String config =
        ROWS / 1000
            + "k rows ("
            + trainingRows / 1000
            + "k training, "
            + run.getJsonNumber("validationRows").longValue() / 1000
            + "k validation), "
            + FEATURES
            + " numeric features, binary target, hidden "
            + HIDDEN
            + ", batch "
            + BATCH
            + ", Adam "
            + LEARNING_RATE
            + ", "
            + EPOCHS
            + " epochs × "
            + ROUNDS
            + " runs, one PyTorch thread";
    String plainFigures =
        "plain DJL loop in the test JVM, same rows, network, loss, optimizer, batches and"
            + " validation pass: "
            + Bench.f(plainRate)
            + " rows/s ("
            + Bench.f(plainMedian)
            + " s/epoch; by round "
            + String.join(
                " / ", plains.stream().map(p -> Bench.f(p.rowsPerSecond()) + " rows/s").toList())
            + "; epoch 1 "
            + Bench.f(last.firstSeconds())
            + " s)";
    if (timed) {
      List<Double> steady = new ArrayList<>();
      platformEpochs.forEach(e -> steady.addAll(e.subList(1, EPOCHS)));
      double platformMedian = median(steady);
      double platform = trainingRows / platformMedian;
      Bench.report(
          "| Training throughput, tabular-mlp through the platform (TrainingBenchmarkIT): "
              + config
              + " | "
              + Bench.f(platform)
              + " rows/s per epoch (median of epochs 2–"
              + EPOCHS
              + ", "
              + Bench.f(platformMedian)
              + " s each; by round "
              + String.join(
                  " / ",
                  platformEpochs.stream()
                      .map(e -> Bench.f(trainingRows / median(e.subList(1, EPOCHS))) + " rows/s")
                      .toList())
              + "; epoch 1 "
              + Bench.f(platformEpochs.get(platformEpochs.size() - 1).get(0))
              + " s incl. fitting and applying the encoding) | "
              + plainFigures
              + " | "
              + Bench.f(platform / plainRate)
              + "; overhead "
              + String.format(Locale.ROOT, "%+.1f", (platformMedian / plainMedian - 1) * 100)
              + " % per epoch (aim < 10 %) |");
    } else {
      Bench.report(
          "| Training throughput, tabular-mlp through the platform (TrainingBenchmarkIT): "
              + config
              + " | n/a (the run's epochs carry no `seconds`) | "
              + plainFigures
              + " | |");
    }
    List<String> ends = new ArrayList<>();
    List<String> outside = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      double endToEnd = seconds(runs.get(i), "startedAt", "finishedAt");
      ends.add(
          Bench.f(endToEnd)
              + " s ("
              + Bench.f(trainingRows * (double) EPOCHS / endToEnd)
              + " rows × epochs / s, thread CPU "
              + Bench.f(runs.get(i).getJsonNumber("cpuSeconds").doubleValue())
              + " s)");
      if (timed) {
        double inEpochs = platformEpochs.get(i).stream().mapToDouble(Double::doubleValue).sum();
        outside.add(Bench.f(inEpochs) + " s in the epochs, " + Bench.f(endToEnd - inEpochs));
      }
    }
    Bench.report(
        "| Training run end to end (startedAt → finishedAt: snapshot read, "
            + EPOCHS
            + " epochs, evaluation, artifact, model version), by round | "
            + String.join(" / ", ends)
            + " | "
            + (timed
                ? String.join(" / ", outside)
                    + " s outside them (snapshot read and split, evaluation, artifact,"
                    + " registration); "
                : "")
            + "plain loop's "
            + EPOCHS
            + " epochs: "
            + String.join(
                " / ", plains.stream().map(p -> Bench.f(p.totalSeconds()) + " s").toList())
            + " | |");

    // 3. The artifact: its size, the platform's save + store and its restore + load (the check
    // that the stored artifact predicts like the trained model), and DJL's own save and load of the
    // same network here.
    Bench.report(
        "| Artifact of the run: "
            + Bench.f(run.getJsonNumber("artifactBytes").doubleValue() / 1024)
            + " KiB (zip of parameters and encoding, encrypted); save + zip + encrypt + store "
            + millis(run, "artifactSaveSeconds")
            + ", read + decrypt + checksum + unzip + load "
            + millis(run, "artifactLoadSeconds")
            + " | plain DJL save of the same network's parameters ("
            + Bench.f(last.paramBytes() / 1024.0)
            + " KiB, no zip, no encryption): median "
            + Bench.f(last.saveMillis())
            + " ms, load into a new model: median "
            + Bench.f(last.loadMillis())
            + " ms (20 each) | |");
  }

  static String millis(JsonObject run, String field) {
    Double value = number(run.get(field));
    return value == null ? "n/a" : Bench.f(value * 1000) + " ms";
  }

  static Double number(JsonValue v) {
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    if (v instanceof JsonString s) {
      try {
        return Double.parseDouble(s.getString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  // ---- the plain DJL loop -----------------------------------------------------------------

  /** What the plain loop measured. */
  record Plain(
      long trainingRows,
      List<Double> epochSeconds,
      long paramBytes,
      double saveMillis,
      double loadMillis) {

    double firstSeconds() {
      return epochSeconds.get(0);
    }

    /** Median of the epochs after the first (the first warms the JIT and PyTorch's allocator). */
    double medianSeconds() {
      return median(epochSeconds.subList(1, epochSeconds.size()));
    }

    double rowsPerSecond() {
      return trainingRows / medianSeconds();
    }

    double totalSeconds() {
      return epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * The same settings as the server's JVM (server/src/main/liberty/config/jvm.options), set before
   * DJL loads its engine in this JVM: offline, no telemetry, one intra-op and one inter-op PyTorch
   * thread.
   */
  static void pinEngine() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.pytorch.num_threads", "1");
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
  }

  /**
   * MlpTrainer's network and loop, written plainly: Linear+ReLU hidden layers and a linear output
   * of 2 logits, softmax cross-entropy, Adam at a fixed rate, Xavier-uniform weights from a Java
   * Random and zero biases; each epoch the training rows shuffled into mini-batches (one optimizer
   * step each, the loss read back as MlpTrainer does), then the loss over the validation rows in
   * chunks of 4,096. Features standardized once, before the epochs (the platform encodes them in
   * its first epoch and reuses the buffer). The split is the platform's: shuffled with the run's
   * seed, the last 20 % held out.
   */
  static Plain plainLoop(Data data, int epochs) throws Exception {
    pinEngine();
    int n = data.y().length;
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(RUN_SEED));
    int held = (int) Math.round(n * VALIDATION_FRACTION);
    int learn = n - held;
    double[] mean = new double[FEATURES];
    double[] std = new double[FEATURES];
    for (int r = 0; r < learn; r++) {
      for (int f = 0; f < FEATURES; f++) {
        mean[f] += data.x()[order.get(r)][f] / learn;
      }
    }
    for (int r = 0; r < learn; r++) {
      for (int f = 0; f < FEATURES; f++) {
        double d = data.x()[order.get(r)][f] - mean[f];
        std[f] += d * d / learn;
      }
    }
    float[] x = new float[n * FEATURES];
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      int row = order.get(r);
      for (int f = 0; f < FEATURES; f++) {
        double s = Math.sqrt(std[f]);
        x[r * FEATURES + f] = (float) ((data.x()[row][f] - mean[f]) / (s > 0 ? s : 1));
      }
      y[r] = data.y()[row] ? 1 : 0;
    }

    List<Integer> hidden = Stream.of(HIDDEN.split(",")).map(Integer::parseInt).toList();
    List<Double> epochSeconds = new ArrayList<>();
    Path dir = Files.createTempDirectory("plain-mlp");
    try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
      model.setBlock(block(hidden, 2));
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed((float) LEARNING_RATE))
                      .build())
              .optInitializer(xavier(RUN_SEED), Parameter.Type.WEIGHT)
              .optInitializer(Initializer.ZEROS, Parameter.Type.BIAS)
              .optDevices(new Device[] {Device.cpu()});
      Random shuffle = new Random(RUN_SEED ^ 0x5DEECE66DL);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, FEATURES));
        for (int epoch = 0; epoch < epochs; epoch++) {
          long t0 = System.nanoTime();
          double loss = trainEpoch(trainer, x, y, learn, shuffle);
          double validation = validate(trainer, x, y, learn, n);
          epochSeconds.add((System.nanoTime() - t0) / 1e9);
          assertThat(loss).isFinite();
          assertThat(validation).isFinite();
        }
      }
      // Save and load the trained network, as DJL does it (MlpTrainer's Mlp.save/load).
      double[] save = new double[20];
      double[] load = new double[20];
      for (int i = 0; i < save.length; i++) {
        Path folder = Files.createDirectories(dir.resolve("v" + i));
        long s0 = System.nanoTime();
        model.setProperty("Epoch", "0");
        model.save(folder, "mlp");
        save[i] = (System.nanoTime() - s0) / 1e6;
        long l0 = System.nanoTime();
        try (Model loaded = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
          loaded.setBlock(block(hidden, 2));
          loaded.load(folder, "mlp", Map.of("epoch", "0"));
        }
        load[i] = (System.nanoTime() - l0) / 1e6;
      }
      long bytes = Files.size(dir.resolve("v0").resolve("mlp-0000.params"));
      return new Plain(
          learn,
          epochSeconds,
          bytes,
          Bench.percentile(Bench.sortedCopy(save), 50),
          Bench.percentile(Bench.sortedCopy(load), 50));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static SequentialBlock block(List<Integer> hidden, int outputs) {
    SequentialBlock block = new SequentialBlock();
    for (int units : hidden) {
      block.add(Linear.builder().setUnits(units).build());
      block.add(Activation.reluBlock());
    }
    block.add(Linear.builder().setUnits(outputs).build());
    return block;
  }

  /** Xavier (Glorot) uniform from a Java Random, as the support library's SeededInitializer. */
  static Initializer xavier(long seed) {
    Random random = new Random(seed);
    return (manager, shape, type) -> {
      long size = shape.size();
      long fanOut = shape.dimension() > 0 ? shape.get(0) : 1;
      long fanIn = shape.dimension() > 1 ? size / fanOut : 1;
      double limit = Math.sqrt(6.0 / (fanIn + fanOut));
      float[] values = new float[(int) size];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
      }
      return manager.create(values, shape).toType(type, false);
    };
  }

  /** One pass over the training rows in shuffled mini-batches; the mean training loss. */
  static double trainEpoch(Trainer trainer, float[] x, float[] y, int rows, Random shuffle) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    for (int i = rows - 1; i > 0; i--) {
      int j = shuffle.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    double lossSum = 0;
    for (int from = 0; from < rows; from += BATCH) {
      int size = Math.min(BATCH, rows - from);
      float[] bx = new float[size * FEATURES];
      long[] by = new long[size];
      for (int r = 0; r < size; r++) {
        int row = order[from + r];
        System.arraycopy(x, row * FEATURES, bx, r * FEATURES, FEATURES);
        by[r] = (long) y[row];
      }
      try (NDManager manager = trainer.getManager().newSubManager()) {
        NDList features = new NDList(manager.create(bx, new Shape(size, FEATURES)));
        NDList labels = new NDList(manager.create(by, new Shape(size)));
        float value;
        // DJL 0.36's PyTorch engine allows one gradient collector per JVM (plugins/models/README).
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
      }
    }
    return lossSum / rows;
  }

  /** The loss over the held-out rows, in chunks, without gradients; the mean. */
  static double validate(Trainer trainer, float[] x, float[] y, int from, int to) {
    double lossSum = 0;
    for (int at = from; at < to; at += PREDICT_CHUNK) {
      int size = Math.min(PREDICT_CHUNK, to - at);
      float[] cx = new float[size * FEATURES];
      long[] cy = new long[size];
      System.arraycopy(x, at * FEATURES, cx, 0, cx.length);
      for (int r = 0; r < size; r++) {
        cy[r] = (long) y[at + r];
      }
      try (NDManager manager = trainer.getManager().newSubManager()) {
        NDList predictions =
            trainer.evaluate(new NDList(manager.create(cx, new Shape(size, FEATURES))));
        NDArray l =
            trainer
                .getLoss()
                .evaluate(new NDList(manager.create(cy, new Shape(size))), predictions);
        lossSum += (double) l.getFloat() * size;
      }
    }
    return lossSum / (to - from);
  }
}
