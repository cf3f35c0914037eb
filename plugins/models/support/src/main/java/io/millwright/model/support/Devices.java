package io.millwright.model.support;

import ai.djl.engine.Engine;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** The DJL engine and device a model runs on. */
public final class Devices {

  /**
   * The engine every model of these plugins uses; the host provides it (and its native library).
   */
  public static final String ENGINE = "PyTorch";

  private Devices() {}

  /**
   * The PyTorch engine, loaded (once per JVM) by the host's class loader.
   *
   * @throws ModelException FAILED when the host offers none
   */
  public static Engine engine() throws ModelException {
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException | LinkageError e) {
      throw ModelException.failed(
          "the host provides no DJL "
              + ENGINE
              + " engine to model plugins (DJL and PyTorch belong on the host's class path)",
          e);
    }
  }

  /**
   * The DJL device for the host's choice: that GPU when the engine sees it, otherwise the CPU (with
   * a log line saying so).
   */
  public static ai.djl.Device of(Device device, Logger log) throws ModelException {
    if (device == null || !device.isGpu()) {
      return ai.djl.Device.cpu();
    }
    int gpus = engine().getGpuCount();
    if (device.index() < gpus) {
      return ai.djl.Device.gpu(device.index());
    }
    if (log != null) {
      log.log(
          Level.WARNING,
          "GPU {0} was granted but the engine sees {1} GPU(s); using the CPU",
          device.index(),
          gpus);
    }
    return ai.djl.Device.cpu();
  }
}
