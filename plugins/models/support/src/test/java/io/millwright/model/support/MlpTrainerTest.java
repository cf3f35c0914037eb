package io.millwright.model.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.kit.KitContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on a small XOR-like problem (no linear model can learn it). */
class MlpTrainerTest {

  static final int ROWS = 400;

  /** Class 1 where x·y > 0; chunks of 100 rows, as the host would hand them over. */
  static ExampleSource xor(long seed, int rows) {
    Random random = new Random(seed);
    float[] x = new float[rows * 2];
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      x[2 * r] = (float) random.nextGaussian();
      x[2 * r + 1] = (float) random.nextGaussian();
      y[r] = x[2 * r] * x[2 * r + 1] > 0 ? 1 : 0;
    }
    return sink -> {
      for (int from = 0; from < rows; from += 100) {
        int n = Math.min(100, rows - from);
        float[] cx = new float[n * 2];
        float[] cy = new float[n];
        System.arraycopy(x, from * 2, cx, 0, n * 2);
        System.arraycopy(y, from, cy, 0, n);
        sink.accept(new Examples(cx, cy, n));
      }
    };
  }

  static final float[] PROBE = {1, 1, -1, 1, 1, -1, -1, -1, 0.5f, 2, -2, 0.3f};

  static MlpTrainer.Settings settings(int epochs, int patience, long buffer) {
    return new MlpTrainer.Settings(List.of(16, 8), epochs, 0.03, 32, patience, 7L, buffer);
  }

  static MlpTrainer classifier(MlpTrainer.Settings s) {
    return new MlpTrainer(MlpTrainer.Objective.CLASSIFICATION, 2, 2, s);
  }

  static float[] trainAndProbe(MlpTrainer.Settings s) throws ModelException {
    try (Mlp mlp =
        classifier(s)
            .train(xor(1, ROWS), xor(2, 100), new KitContext(), ai.djl.Device.cpu())
            .mlp()) {
      return mlp.forward(PROBE, 6);
    }
  }

  @Test
  void itLearnsWhatNoLinearModelCanAndReportsEveryEpoch() throws Exception {
    KitContext context = new KitContext();
    MlpTrainer.Result result =
        classifier(settings(25, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))
            .train(xor(1, ROWS), xor(2, 200), context, ai.djl.Device.cpu());
    try (Mlp mlp = result.mlp()) {
      float[] logits = mlp.forward(PROBE, 6);
      int[] expected = {1, 0, 0, 1, 1, 0};
      for (int r = 0; r < 6; r++) {
        int predicted = logits[2 * r + 1] > logits[2 * r] ? 1 : 0;
        assertThat(predicted).as("row %d", r).isEqualTo(expected[r]);
      }
    }
    assertThat(context.epochs()).hasSize(25);
    KitContext.Epoch first = context.epochs().get(0);
    KitContext.Epoch last = context.epochs().get(24);
    assertThat(first.metrics()).containsKeys("loss", "validation_loss");
    assertThat(last.metrics().get("validation_loss"))
        .isLessThan(first.metrics().get("validation_loss") / 2);
  }

  @Test
  void theSameSeedGivesTheSameNetworkBitForBitWhetherCachedOrStreamed() throws Exception {
    float[] first = trainAndProbe(settings(5, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS));
    float[] second = trainAndProbe(settings(5, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS));
    assertThat(second).containsExactly(first);
    MlpTrainer.Settings other =
        new MlpTrainer.Settings(List.of(16, 8), 5, 0.03, 32, 0, 8L, 1 << 20);
    assertThat(trainAndProbe(other)).as("another seed").isNotEqualTo(first);
    // A buffer of 64 rows: shuffled within each 64 rows and read again every epoch.
    float[] streamed = trainAndProbe(settings(5, 0, 128));
    assertThat(trainAndProbe(settings(5, 0, 128))).containsExactly(streamed);
  }

  @Test
  void runsTrainingAtOnceDoNotDisturbEachOther() throws Exception {
    float[] alone = trainAndProbe(settings(8, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<float[]>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        runs.add(
            pool.submit(
                () -> trainAndProbe(settings(8, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))));
      }
      for (Future<float[]> run : runs) {
        assertThat(run.get()).containsExactly(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSavedNetworkLoadsAndGivesTheSameOutputs(@TempDir Path dir) throws Exception {
    float[] before;
    Mlp.MlpShape shape;
    try (Mlp mlp =
        classifier(settings(3, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))
            .train(xor(1, ROWS), ExampleSource.empty(), new KitContext(), ai.djl.Device.cpu())
            .mlp()) {
      before = mlp.forward(PROBE, 6);
      mlp.save(dir);
      shape = mlp.shape();
    }
    assertThat(dir.resolve(Mlp.FILE)).isRegularFile();
    try (Mlp loaded = Mlp.load(dir, shape, ai.djl.Device.cpu())) {
      assertThat(loaded.forward(PROBE, 6)).containsExactly(before);
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() throws Exception {
    KitContext context = new KitContext();
    // A tiny validation set that disagrees with training: its loss soon rises.
    ExampleSource contrary =
        sink -> sink.accept(new Examples(new float[] {1, 1, -1, -1}, new float[] {0, 0}, 2));
    MlpTrainer.Result result =
        classifier(settings(200, 3, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))
            .train(xor(1, ROWS), contrary, context, ai.djl.Device.cpu());
    try (Mlp mlp = result.mlp()) {
      assertThat(result.epochsRun()).isLessThan(200).isEqualTo(result.bestEpoch() + 3);
      assertThat(context.epochs()).hasSize(result.epochsRun());
      double best = context.epochs().get(result.bestEpoch() - 1).metrics().get("validation_loss");
      assertThat(best).isEqualTo(result.bestValidationLoss());
      // The network is the best epoch's: its validation loss is that epoch's, recomputed.
      float[] logits = mlp.forward(new float[] {1, 1, -1, -1}, 2);
      double loss = 0;
      for (int r = 0; r < 2; r++) {
        double a = logits[2 * r];
        double b = logits[2 * r + 1];
        double max = Math.max(a, b);
        loss += -(a - max - Math.log(Math.exp(a - max) + Math.exp(b - max)));
      }
      assertThat(loss / 2).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void cancellingStopsBetweenMiniBatches() {
    KitContext context = new KitContext(1);
    assertThatThrownBy(
            () ->
                classifier(settings(10, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))
                    .train(xor(1, ROWS), ExampleSource.empty(), context, ai.djl.Device.cpu()))
        .isInstanceOf(ModelException.class)
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.CANCELLED);
    assertThat(context.epochs()).hasSize(1);
  }

  @Test
  void regressionLearnsALine() throws Exception {
    Random random = new Random(3);
    float[] x = new float[300];
    float[] y = new float[300];
    for (int r = 0; r < 300; r++) {
      x[r] = (float) random.nextGaussian();
      y[r] = 2 * x[r] - 1;
    }
    MlpTrainer trainer =
        new MlpTrainer(
            MlpTrainer.Objective.REGRESSION,
            1,
            1,
            new MlpTrainer.Settings(List.of(8), 30, 0.03, 16, 0, 1L));
    try (Mlp mlp =
        trainer
            .train(
                sink -> sink.accept(new Examples(x, y, 300)),
                ExampleSource.empty(),
                new KitContext(),
                ai.djl.Device.cpu())
            .mlp()) {
      float[] out = mlp.forward(new float[] {0, 1}, 2);
      assertThat(out[0]).isCloseTo(-1f, org.assertj.core.data.Offset.offset(0.15f));
      assertThat(out[1]).isCloseTo(1f, org.assertj.core.data.Offset.offset(0.15f));
    }
  }

  @Test
  void noRowsIsInvalidInput() {
    assertThatThrownBy(
            () ->
                classifier(settings(3, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS))
                    .train(
                        ExampleSource.empty(),
                        ExampleSource.empty(),
                        new KitContext(),
                        ai.djl.Device.cpu()))
        .isInstanceOf(ModelException.class)
        .extracting(t -> ((ModelException) t).kind())
        .isEqualTo(ModelException.Kind.INVALID_INPUT);
  }

  /** Two readings on the line y = -x (a little noise): one number says where a point lies. */
  static float[] line(long seed, int rows) {
    Random random = new Random(seed);
    float[] x = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      float a = (float) random.nextGaussian();
      x[2 * r] = a;
      x[2 * r + 1] = -a + (float) (random.nextGaussian() * 0.05);
    }
    return x;
  }

  static double squaredError(float[] in, float[] out, int row, int width) {
    double sum = 0;
    for (int c = 0; c < width; c++) {
      double d = in[row * width + c] - out[row * width + c];
      sum += d * d;
    }
    return sum / width;
  }

  @Test
  void anAutoencoderWithALinearBottleneckReconstructsWhatLiesOnItsLineOnly(@TempDir Path dir)
      throws Exception {
    int rows = 400;
    float[] x = line(4, rows);
    MlpTrainer.Settings s =
        new MlpTrainer.Settings(
            List.of(8, 1, 8),
            40,
            0.01,
            32,
            0,
            3L,
            MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS,
            List.of(1));
    MlpTrainer trainer = new MlpTrainer(MlpTrainer.Objective.RECONSTRUCTION, 2, 2, s);
    KitContext context = new KitContext();
    // Both ends of the line (the code is negative for one: a ReLU there would cut it off), then
    // two points off it.
    float[] probe = {1.5f, -1.5f, -1.5f, 1.5f, 1.5f, 1.5f, -1.5f, -1.5f};
    float[] before;
    try (Mlp mlp =
        trainer
            .train(
                sink -> sink.accept(new Examples(x, new float[rows], rows)),
                sink -> sink.accept(new Examples(line(5, 100), new float[100], 100)),
                context,
                ai.djl.Device.cpu())
            .mlp()) {
      assertThat(mlp.shape().linear()).containsExactly(1);
      before = mlp.forward(probe, 4);
      assertThat(squaredError(probe, before, 0, 2)).isLessThan(0.05);
      assertThat(squaredError(probe, before, 1, 2)).isLessThan(0.05);
      assertThat(squaredError(probe, before, 2, 2)).isGreaterThan(1.0);
      assertThat(squaredError(probe, before, 3, 2)).isGreaterThan(1.0);
      mlp.save(dir);
    }
    assertThat(context.epochs().get(39).metrics()).containsKeys("loss", "validation_loss");
    try (Mlp loaded =
        Mlp.load(dir, new Mlp.MlpShape(2, List.of(8, 1, 8), 2, List.of(1)), ai.djl.Device.cpu())) {
      assertThat(loaded.forward(probe, 4)).containsExactly(before);
    }
  }

  @Test
  void shapesAndObjectivesThatCannotWorkAreRefused() {
    assertThat(new Mlp.MlpShape(2, List.of(4), 1).linear()).isEmpty();
    assertThat(new Mlp.MlpShape(2, List.of(4, 2, 4), 2, List.of(1, 1)).linear()).containsExactly(1);
    assertThatThrownBy(() -> new Mlp.MlpShape(2, List.of(4), 1, List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linear layer 1");
    MlpTrainer.Settings s = settings(1, 0, MlpTrainer.Settings.DEFAULT_BUFFER_FLOATS);
    assertThat(s.linear()).isEmpty();
    assertThatThrownBy(() -> new MlpTrainer(MlpTrainer.Objective.RECONSTRUCTION, 2, 3, s))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
