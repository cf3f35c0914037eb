package io.millwright.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingContext;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import io.millwright.plugin.api.model.kit.KitContext;
import io.millwright.plugin.api.model.kit.KitTrainingData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's refusals, each with a message the person can act on, and what the contract kit does
 * not look at: the artifact's files, a tampered artifact, concurrent predictions, scores given as
 * probabilities, missing values as 0.
 */
class TorchScriptTypeTest {

  private final TorchScriptType type = new TorchScriptType();

  private static void refused(ThrowingCallable call, String... message) {
    assertThatThrownBy(call)
        .isInstanceOf(ModelException.class)
        .satisfies(
            e -> {
              assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.INVALID_INPUT);
              assertThat(e.getMessage()).contains(message);
            });
  }

  private TrainedModel train(TrainingData data, byte[] file) throws ModelException {
    return type.train(data, KitContext.supplying(Fixtures.file(file)));
  }

  @Test
  void aRunWithoutAFileIsRefused() {
    refused(
        () -> type.train(Runs.regression(10), new KitContext()),
        "upload the TorchScript file (.pt) with the run");
  }

  @Test
  void aFileThatIsNotAZipIsRefused() {
    refused(
        () -> train(Runs.regression(10), "x0,x1,y\n1,2,3\n".getBytes(StandardCharsets.UTF_8)),
        "is not a TorchScript model",
        "zip");
  }

  @Test
  void aTorchSavePickleIsRefusedWithTheWayToSaveTorchScript() {
    byte[] pickle = {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc};
    refused(
        () -> train(Runs.regression(10), pickle),
        "saved with torch.save",
        "torch.jit.save(torch.jit.script(model), \"model.pt\")");
  }

  @Test
  void aZipThatIsNotTorchScriptIsRefusedWithTheEnginesReason() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("weights/readme.txt"));
      zip.write("not a model".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    refused(
        () -> train(Runs.regression(10), bytes.toByteArray()),
        "the uploaded file is not a TorchScript model PyTorch 2.7 can load (Expected"
            + " hasRecord(\"version\") to be true, but got false.); save your model with"
            + " torch.jit.save(torch.jit.script(model), \"model.pt\") or torch.jit.trace");
  }

  @Test
  void torchScriptThatDoesNotCompileIsRefused() {
    byte[] broken =
        TorchScriptArchive.archive(
            "broken",
            "Broken",
            "class Broken(Module):\n  training : bool\n  def forward(self: __torch__.Broken,\n"
                + "    x: Tensor) -> Tensor:\n    return torch.no_such_operator(x)\n",
            Map.of());
    refused(
        () -> train(Runs.regression(10), broken),
        "the uploaded file is not a TorchScript model PyTorch 2.7 can load (Unknown builtin op:"
            + " aten::no_such_operator.)");
  }

  @Test
  void aModelForThreeFeaturesIsRefusedForTwoNamingTheExpectedInput() {
    refused(
        () -> train(Runs.regression(300), Fixtures.wrongWidth()),
        "the uploaded model takes 3 input columns, but the run gives it 2, as float32 [256, 2]"
            + " (x0, x1) (PyTorch: mat1 and mat2 shapes cannot be multiplied (256x2 and 3x1))."
            + " It must take exactly these columns, in this order, as one float32 tensor");
  }

  @Test
  void aClassifierWithTheWrongNumberOfClassesIsRefusedNamingTheClassesInOrder() {
    refused(
        () ->
            train(
                Runs.categories(Task.MULTICLASS_CLASSIFICATION, 100, "b", "c", "a"),
                Fixtures.thresholdClassifier()),
        "it returns 2 scores per row (shape [100, 2]), but the training rows have 3 classes of"
            + " label (a, b, c): it must return shape [100, 3]");
  }

  @Test
  void aClassifierIsRefusedForRegressionAndARegressorForClassification() {
    refused(
        () -> train(Runs.regression(100), Fixtures.thresholdClassifier()),
        "it returns shape [100, 2] for 100 rows; regression needs one number per row: shape [100]"
            + " or [100, 1]");
    refused(
        () -> train(Runs.threshold(Task.BINARY_CLASSIFICATION, 100), Fixtures.linearRegression()),
        "it returns shape [100] for 100 rows; classification needs one score per class and row,"
            + " shape [100, 2], for the 2 classes of above (false, true)");
  }

  @Test
  void aModelThatReturnsNaNIsRefusedNamingTheRow() {
    byte[] nan =
        TorchScriptArchive.linear("nan", new float[][] {{1}, {Float.NaN}}, new float[] {0}, true);
    refused(
        () -> train(Runs.regression(10), nan),
        "the uploaded model returns NaN for training row 1 (input [",
        "every output must be a finite number");
  }

  @Test
  void aModelThatReturnsTwoTensorsIsRefused() {
    Map<String, TorchScriptArchive.Tensor> none = new LinkedHashMap<>();
    byte[] pair =
        TorchScriptArchive.module("pair", "Pair", "Tuple[Tensor, Tensor]", "(x, x)", none);
    refused(
        () -> train(Runs.regression(10), pair),
        "the uploaded model does not fit the run: it returns 2 values; it must return one tensor");
  }

  @Test
  void onlyNumbersAndBooleansAreInputs() {
    Column region = new Column("region", ColumnKind.CATEGORY);
    TrainingData data =
        new KitTrainingData(
            new TrainingSpec(Task.REGRESSION, Runs.Y, List.of(Runs.X0, region), null, Map.of(), 1L),
            List.of(),
            List.of());
    refused(
        () -> train(data, Fixtures.linearRegression()),
        "column region (CATEGORY) cannot be an input of a TorchScript model");
  }

  @Test
  void aTwoClassRunWithThreeLabelsIsRefused() {
    refused(
        () ->
            train(
                Runs.categories(Task.BINARY_CLASSIFICATION, 100, "a", "b", "c"),
                Fixtures.thresholdClassifier()),
        "label has 3 different values; two-class classification needs exactly two");
  }

  @Test
  void numericLabelsAreInTheOrderOfTheirValues() throws Exception {
    TrainingData data =
        Runs.data(
            Task.MULTICLASS_CLASSIFICATION,
            Runs.Y,
            List.of(Runs.X0, Runs.X1),
            300,
            p -> p[0] < -1 ? 10.0 : p[0] < 1 ? 2.0 : 2.5);
    byte[] three =
        TorchScriptArchive.linear(
            "three", new float[][] {{0, 0, 0}, {0, 0, 0}}, new float[] {0, 0, 0}, false);
    try (TrainedModel model = train(data, three)) {
      assertThat(model.signature().labels()).containsExactly("2", "2.5", "10");
    }
  }

  @Test
  void theArtifactIsTheFileAndItsSignatureAndLoadsToTheSamePredictions(@TempDir Path folder)
      throws Exception {
    TrainingData data = Runs.threshold(Task.BINARY_CLASSIFICATION, 500);
    DataBatch batch = data.validation().iterator().next();
    Predictions before;
    try (TrainedModel model = train(data, Fixtures.thresholdClassifier())) {
      before = model.predict(batch);
      model.save(folder);
    }
    assertThat(Files.readAllBytes(folder.resolve("model.pt")))
        .isEqualTo(Fixtures.thresholdClassifier());
    String json = Files.readString(folder.resolve("model.json"));
    assertThat(json)
        .contains(
            "\"type\": \"torchscript\"",
            "\"task\": \"BINARY_CLASSIFICATION\"",
            "\"sha256\": \"" + TorchScriptModel.sha256(Fixtures.thresholdClassifier()) + "\"",
            "\"labels\": [\"false\", \"true\"]",
            "\"scores\": \"logits\"",
            "\"name\": \"x0\"");
    try (TrainedModel loaded = type.load(folder, Device.CPU)) {
      assertThat(loaded.signature().inputs()).containsExactly(Runs.X0, Runs.X1);
      assertThat(loaded.signature().labels()).containsExactly("false", "true");
      Predictions after = loaded.predict(batch);
      for (int r = 0; r < batch.size(); r++) {
        assertThat(after.label(r)).isEqualTo(before.label(r));
        assertThat(after.value(r)).isEqualTo(before.value(r));
      }
    }
  }

  @Test
  void aTamperedArtifactDoesNotLoad(@TempDir Path folder) throws Exception {
    try (TrainedModel model = train(Runs.regression(10), Fixtures.linearRegression())) {
      model.save(folder);
    }
    Files.write(folder.resolve("model.pt"), Fixtures.wrongWidth());
    assertThatThrownBy(() -> type.load(folder, Device.CPU))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("model.pt is not the file this model was saved with")
        .satisfies(
            e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.FAILED));
  }

  @Test
  void missingValuesAreZero() throws Exception {
    try (TrainedModel model = train(Runs.regression(10), Fixtures.linearRegression())) {
      Predictions p =
          model.predict(
              Runs.inputs(
                  List.of(Runs.X0, Runs.X1),
                  new Object[] {null, 1.0},
                  new Object[] {0.0, 1.0},
                  new Object[] {null, null}));
      assertThat(p.value(0)).isEqualTo(-2.0).isEqualTo(p.value(1));
      assertThat(p.value(2)).isEqualTo(1.0);
    }
  }

  @Test
  void scoresThatAreProbabilitiesAreTheConfidence() throws Exception {
    Map<String, TorchScriptArchive.Tensor> parameters = new LinkedHashMap<>();
    parameters.put("weight", TorchScriptArchive.Tensor.matrix(new float[][] {{0, 1}, {0, 1}}));
    parameters.put("bias", TorchScriptArchive.Tensor.vector(0, -1));
    byte[] softmax =
        TorchScriptArchive.module(
            "softmax",
            "Softmax",
            "torch.softmax(torch.add(torch.matmul(x, self.weight), self.bias), 1)",
            parameters);
    KitContext context = KitContext.supplying(Fixtures.file(softmax));
    try (TrainedModel model =
        type.train(Runs.threshold(Task.BINARY_CLASSIFICATION, 300), context)) {
      Predictions p =
          model.predict(Runs.inputs(List.of(Runs.X0, Runs.X1), new Object[] {1.0, 0.5}));
      assertThat(p.label(0)).isEqualTo("true");
      assertThat(p.value(0))
          .as("the given probability, not a softmax of it")
          .isCloseTo(1 / (1 + Math.exp(-0.5)), offset(1e-6));
    }
    assertThat(context.epochs().get(0).metrics().get("accuracy")).isEqualTo(1.0);
  }

  @Test
  void predictionsMayRunConcurrently() throws Exception {
    TrainingData data = Runs.regression(2000);
    List<DataBatch> batches = new ArrayList<>();
    data.validation().forEach(batches::add);
    try (TrainedModel model = train(data, Fixtures.linearRegression())) {
      List<double[]> expected = new ArrayList<>();
      for (DataBatch b : batches) {
        expected.add(values(model.predict(b)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          runs.add(
              pool.submit(
                  () -> {
                    for (int round = 0; round < 5; round++) {
                      for (int i = 0; i < batches.size(); i++) {
                        if (!Arrays.equals(
                            values(model.predict(batches.get(i))), expected.get(i))) {
                          return false;
                        }
                      }
                    }
                    return true;
                  }));
        }
        for (Future<Boolean> run : runs) {
          assertThat(run.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aCancelDuringTheCheckStopsIt() {
    KitContext host = KitContext.supplying(Fixtures.file(Fixtures.linearRegression()));
    AtomicInteger asked = new AtomicInteger();
    TrainingContext cancelsOnTheThirdBatch =
        new TrainingContext() {
          @Override
          public Device device() {
            return host.device();
          }

          @Override
          public void epochDone(int epoch, int epochs, Map<String, Double> metrics) {
            host.epochDone(epoch, epochs, metrics);
          }

          @Override
          public boolean cancelled() {
            return asked.incrementAndGet() > 3;
          }

          @Override
          public System.Logger log() {
            return host.log();
          }

          @Override
          public Path workDir() {
            return host.workDir();
          }

          @Override
          public Optional<Path> suppliedModel() {
            return host.suppliedModel();
          }
        };
    assertThatThrownBy(() -> type.train(Runs.regression(2000), cancelsOnTheThirdBatch))
        .isInstanceOf(ModelException.class)
        .satisfies(
            e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CANCELLED));
    assertThat(asked.get()).isEqualTo(4);
    assertThat(host.epochs()).isEmpty();
  }

  @Test
  void theImportIsOneReportedEpochWithTheLossOnTheRows() throws Exception {
    KitContext context = KitContext.supplying(Fixtures.file(Fixtures.linearRegression()));
    type.train(Runs.regression(300), context).close();
    assertThat(context.epochs()).hasSize(1);
    KitContext.Epoch epoch = context.epochs().get(0);
    assertThat(epoch.epoch()).isEqualTo(1);
    assertThat(epoch.epochs()).isEqualTo(1);
    assertThat(epoch.metrics())
        .containsEntry("loss", 0.0)
        .containsEntry("rmse", 0.0)
        .containsEntry("validation_loss", 0.0)
        .containsEntry("validation_rmse", 0.0);
  }

  private static double[] values(Predictions p) {
    double[] out = new double[p.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.value(i);
    }
    return out;
  }
}
