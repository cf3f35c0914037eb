package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training context as the host gives it, recording progress; may cancel after some epochs, and
 * may carry the model file a person supplied with the run (for types that import one, API 1.3).
 */
public final class KitContext implements TrainingContext {

  /** One reported epoch. */
  public record Epoch(int epoch, int epochs, Map<String, Double> metrics) {}

  private final List<Epoch> epochs = new ArrayList<>();
  private final int cancelAfter;
  private final Path workDir;
  private final Path suppliedModel;

  /** A context that never cancels. */
  public KitContext() {
    this(Integer.MAX_VALUE);
  }

  /** A context that reports cancelled once this many epochs are done (0: from the start). */
  public KitContext(int cancelAfterEpochs) {
    this(cancelAfterEpochs, null);
  }

  /**
   * A context that reports cancelled once this many epochs are done and supplies this model file.
   *
   * @param suppliedModel the file the person uploaded with the run; null for none
   */
  public KitContext(int cancelAfterEpochs, Path suppliedModel) {
    this.cancelAfter = cancelAfterEpochs;
    this.suppliedModel = suppliedModel;
    try {
      this.workDir = Files.createTempDirectory("model-kit-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public synchronized void epochDone(int epoch, int of, Map<String, Double> metrics) {
    epochs.add(new Epoch(epoch, of, Map.copyOf(metrics)));
  }

  @Override
  public synchronized boolean cancelled() {
    return epochs.size() >= cancelAfter;
  }

  @Override
  public Logger log() {
    return System.getLogger("model-kit");
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  @Override
  public Optional<Path> suppliedModel() {
    return Optional.ofNullable(suppliedModel);
  }

  /** A context that never cancels and supplies this model file. */
  public static KitContext supplying(Path model) {
    return new KitContext(Integer.MAX_VALUE, model);
  }

  public synchronized List<Epoch> epochs() {
    return List.copyOf(epochs);
  }
}
