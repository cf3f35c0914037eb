package io.millwright.server.models.training;

import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.TrainingContext;
import java.lang.System.Logger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What the host gives one training run: its device, a progress sink (each epoch is stored for the
 * run's page, with the wall seconds it took), a cancellation check that asks the database at most
 * once a second (someone pressed Cancel, on any node) or sees this node stopping, a log and a
 * scratch folder.
 */
public final class HostTrainingContext implements TrainingContext {

  private final Device device;
  private final Path workDir;
  private final Logger log;
  private final Consumer<Progress> progress;
  private final BooleanSupplier cancelRequested;
  private final BooleanSupplier stopping;
  private final List<Map<String, Object>> epochs = new ArrayList<>();
  private long lastCheck;
  private boolean cancelled;
  private long lastEpochEnd;
  private final Path suppliedModel;
  private final LongSupplier nanos;

  /** The epochs so far and the planned count, handed to storage after each epoch. */
  public record Progress(List<Map<String, Object>> epochs, int planned) {}

  public HostTrainingContext(
      Device device,
      Path workDir,
      String logName,
      Consumer<Progress> progress,
      BooleanSupplier cancelRequested,
      BooleanSupplier stopping,
      Path suppliedModel) {
    this(
        device,
        workDir,
        logName,
        progress,
        cancelRequested,
        stopping,
        suppliedModel,
        System::nanoTime);
  }

  /** With another clock (nanoseconds), for tests that must not sleep. */
  HostTrainingContext(
      Device device,
      Path workDir,
      String logName,
      Consumer<Progress> progress,
      BooleanSupplier cancelRequested,
      BooleanSupplier stopping,
      Path suppliedModel,
      LongSupplier nanos) {
    this.nanos = nanos;
    this.suppliedModel = suppliedModel;
    this.device = device;
    this.workDir = workDir;
    this.log = System.getLogger("millwright.training." + logName);
    this.progress = progress;
    this.cancelRequested = cancelRequested;
    this.stopping = stopping;
    this.lastEpochEnd = nanos.getAsLong();
  }

  @Override
  public Device device() {
    return device;
  }

  /** The person's uploaded file, decrypted into the run's work folder; only for importing types. */
  @Override
  public Optional<Path> suppliedModel() {
    return Optional.ofNullable(suppliedModel);
  }

  /**
   * Stores the epoch with the type's metrics and {@code seconds}: the wall time since the previous
   * epoch was reported (for the first, since the type was handed the data, so it includes the
   * type's preparation, e.g. fitting its encoding). Storing an epoch is counted in the next one's
   * time.
   */
  @Override
  public synchronized void epochDone(int epoch, int of, Map<String, Double> metrics) {
    long now = nanos.getAsLong();
    double seconds = (now - lastEpochEnd) / 1e9;
    lastEpochEnd = now;
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("epoch", epoch);
    e.put("epochs", of);
    metrics.forEach((k, v) -> e.put(k, v == null || v.isNaN() || v.isInfinite() ? null : v));
    e.put("seconds", Math.round(seconds * 1e6) / 1e6);
    epochs.add(e);
    progress.accept(new Progress(List.copyOf(epochs), of));
  }

  @Override
  public synchronized boolean cancelled() {
    if (cancelled || stopping.getAsBoolean()) {
      return true;
    }
    long now = nanos.getAsLong();
    if (now - lastCheck > 1_000_000_000L) {
      lastCheck = now;
      cancelled = cancelRequested.getAsBoolean();
    }
    return cancelled;
  }

  @Override
  public Logger log() {
    return log;
  }

  @Override
  public Path workDir() {
    return workDir;
  }

  public synchronized int epochsDone() {
    return epochs.size();
  }
}
