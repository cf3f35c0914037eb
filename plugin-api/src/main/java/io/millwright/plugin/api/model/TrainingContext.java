package io.millwright.plugin.api.model;

import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.Map;

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
}
