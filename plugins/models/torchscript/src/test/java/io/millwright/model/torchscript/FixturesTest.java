package io.millwright.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.kit.KitContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The committed TorchScript fixtures: what {@link TorchScriptArchive} writes, byte for byte, and
 * they load and answer as documented. {@code -Dtorchscript.writeFixtures=true} rewrites them (here
 * and in the server's test resources) after a change to the generator.
 */
class FixturesTest {

  static final Path HERE = Path.of("src/test/resources/fixtures");
  static final Path SERVER = Path.of("../../../server/src/test/resources/models");

  @Test
  void theCommittedFixturesAreTheGeneratorsFiles() throws Exception {
    boolean write = Boolean.getBoolean("torchscript.writeFixtures");
    for (Map.Entry<String, Supplier<byte[]>> f : Fixtures.committed().entrySet()) {
      byte[] generated = f.getValue().get();
      assertThat(f.getValue().get())
          .as("the generator writes the same bytes every time")
          .isEqualTo(generated);
      if (write) {
        Files.createDirectories(HERE);
        Files.write(HERE.resolve(f.getKey()), generated);
        Files.createDirectories(SERVER);
        Files.write(SERVER.resolve(f.getKey()), generated);
      }
      assertThat(HERE.resolve(f.getKey())).as(f.getKey() + " is committed").isRegularFile();
      assertThat(Files.readAllBytes(HERE.resolve(f.getKey())))
          .as(f.getKey() + " (-Dtorchscript.writeFixtures=true rewrites it)")
          .isEqualTo(generated);
      if (Files.isDirectory(SERVER)) {
        assertThat(Files.readAllBytes(SERVER.resolve(f.getKey())))
            .as("the server's copy of " + f.getKey())
            .isEqualTo(generated);
      }
    }
  }

  @Test
  void linearRegressionAnswersTwoX0MinusThreeX1PlusOneExactly() throws Exception {
    var data = Runs.regression(300);
    try (TrainedModel model =
        new TorchScriptType()
            .train(data, KitContext.supplying(Fixtures.file(Fixtures.linearRegression())))) {
      for (DataBatch b : data.validation()) {
        Predictions p = model.predict(b);
        double[] x0 = b.numbers("x0");
        double[] x1 = b.numbers("x1");
        for (int r = 0; r < b.size(); r++) {
          assertThat(p.value(r)).isEqualTo(2 * x0[r] - 3 * x1[r] + 1);
        }
      }
    }
  }

  @Test
  void thresholdClassifierSaysTheSecondLabelWhenX0PlusX1IsOverOne() throws Exception {
    var data = Runs.threshold(Task.BINARY_CLASSIFICATION, 300);
    KitContext context = KitContext.supplying(Fixtures.file(Fixtures.thresholdClassifier()));
    try (TrainedModel model = new TorchScriptType().train(data, context)) {
      assertThat(model.signature().labels()).containsExactly("false", "true");
      Predictions p =
          model.predict(
              Runs.inputs(
                  List.of(Runs.X0, Runs.X1),
                  new Object[] {1.0, 0.5},
                  new Object[] {0.5, 0.5},
                  new Object[] {-3.0, 1.0},
                  new Object[] {4.0, 4.0}));
      assertThat(p.label(0)).isEqualTo("true");
      assertThat(p.label(1)).as("x0 + x1 = 1 is not over 1").isEqualTo("false");
      assertThat(p.label(2)).isEqualTo("false");
      assertThat(p.label(3)).isEqualTo("true");
      // logits [0, 0.5]: softmax 1 / (1 + e^-0.5)
      assertThat(p.value(0)).isCloseTo(1 / (1 + Math.exp(-0.5)), offset(1e-6));
    }
    assertThat(context.epochs()).hasSize(1);
    assertThat(context.epochs().get(0).metrics())
        .containsEntry("accuracy", 1.0)
        .containsEntry("validation_accuracy", 1.0)
        .containsKeys("loss", "validation_loss");
  }
}
