package io.millwright.plugin.api.model;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the host offers a training run: its device, progress, cancellation, a log, a work folder.
 */
public interface TrainingContext {

  /** Where to train; never a GPU unless the type declared {@code usesGpu} and one is granted. */
  Device device();

  /**
   * Reports a finished epoch, shown live as progress and metric curves.
   *
   * @param epoch 1-based
   * @param epochs how many are planned (the progress bar's end)
   * @param metrics e.g. {@code loss}, {@code validation_loss}
   */
  void epochDone(int epoch, int epochs, Map<String, Double> metrics);

  /**
   * Whether someone cancelled the run (or the node is stopping): check between batches and end with
   * {@link ModelException#cancelled()}.
   */
  boolean cancelled();

  /** Lines for the run's log, shown on its page. */
  Logger log();

  /** A private, empty folder for scratch files, deleted after the run. */
  Path workDir();

  /**
   * The trained model file the person uploaded with the run, decrypted by the host into a readable
   * file for the length of the run (copy what must outlive it); present only for a type whose
   * descriptor declares {@link ModelTypeDescriptor#importsModel()}, and for such a type always
   * present when the person supplied one. Since API 1.3; a 1.2 host never supplies a file.
   */
  default Optional<Path> suppliedModel() {
    return Optional.empty();
  }
}
