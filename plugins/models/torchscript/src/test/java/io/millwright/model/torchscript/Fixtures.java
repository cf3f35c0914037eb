package io.millwright.model.torchscript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The TorchScript files the tests use, written by {@link TorchScriptArchive}. The first three are
 * also committed (src/test/resources/fixtures, and server/src/test/resources/models for the
 * server's tests); {@link FixturesTest} keeps them equal to what is written here.
 */
final class Fixtures {

  private Fixtures() {}

  /** Two features; {@code y = 2·x0 − 3·x1 + 1}, shape {@code [batch]}. */
  static byte[] linearRegression() {
    return TorchScriptArchive.linear(
        "linear-regression", new float[][] {{2}, {-3}}, new float[] {1}, true);
  }

  /**
   * Two features, two classes: logits {@code [0, x0 + x1 − 1]}, so the second class (the second
   * sorted label, e.g. {@code true} of false/true) wins when {@code x0 + x1 > 1}.
   */
  static byte[] thresholdClassifier() {
    return TorchScriptArchive.linear(
        "threshold-classifier", new float[][] {{0, 1}, {0, 1}}, new float[] {0, -1}, false);
  }

  /** Expects three features ({@code y = x0 + x1 + x2}), for the refusal of a two-feature run. */
  static byte[] wrongWidth() {
    return TorchScriptArchive.linear(
        "wrong-width", new float[][] {{1}, {1}, {1}}, new float[] {0}, true);
  }

  /** The committed fixtures by file name. */
  static Map<String, Supplier<byte[]>> committed() {
    Map<String, Supplier<byte[]>> out = new LinkedHashMap<>();
    out.put("linear-regression.pt", Fixtures::linearRegression);
    out.put("threshold-classifier.pt", Fixtures::thresholdClassifier);
    out.put("wrong-width.pt", Fixtures::wrongWidth);
    return out;
  }

  // ---- the kit's known answers, features x1, x2, east (KnownAnswer without categories) ---------

  /** {@code y = 3·x1 − 2·x2 + 5·east}, shape {@code [batch, 1]}. */
  static byte[] kitRegression() {
    return TorchScriptArchive.linear(
        "kit-regression", new float[][] {{3}, {-2}, {5}}, new float[] {0}, false);
  }

  /** Labels no, yes: yes when {@code x1 + x2 > 0}. */
  static byte[] kitBinary() {
    return TorchScriptArchive.linear(
        "kit-binary", new float[][] {{0, 1}, {0, 1}, {0, 0}}, new float[] {0, 0}, false);
  }

  /**
   * Labels blue, green, red: the sector of (x1, x2) by the nearest of three unit directions, at
   * angles 2π/3 (blue), 0 (green) and −2π/3 (red), which splits the circle exactly where the kit
   * does.
   */
  static byte[] kitMulticlass() {
    float h = (float) (Math.sqrt(3) / 2);
    return TorchScriptArchive.linear(
        "kit-multiclass",
        new float[][] {{-0.5f, 1, -0.5f}, {h, 0, -h}, {0, 0, 0}},
        new float[] {0, 0, 0},
        false);
  }

  /** The bytes as a file in a new temporary folder, named {@code model.pt}. */
  static Path file(byte[] bytes) {
    return file(bytes, "model.pt");
  }

  static Path file(byte[] bytes, String name) {
    try {
      Path folder = Files.createTempDirectory("torchscript-upload-");
      return Files.write(folder.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
