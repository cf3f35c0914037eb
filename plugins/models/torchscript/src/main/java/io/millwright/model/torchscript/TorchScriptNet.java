package io.millwright.model.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.millwright.model.support.Devices;
import io.millwright.plugin.api.model.ModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A TorchScript module loaded by DJL's PyTorch engine (provided by the host), run on a float32
 * tensor {@code [rows, width]}.
 *
 * <p>Thread-safe: {@link #forward} is synchronized. A person's TorchScript module may change its
 * own attributes in {@code forward} (TorchScript allows it), so concurrent calls into one module
 * are not safe in general; predictions of one model therefore take turns, each in its own
 * NDManager.
 */
final class TorchScriptNet implements AutoCloseable {

  /** The module's output for some rows: its shape and its values (as float32, row-major). */
  record Output(long[] shape, float[] values) {

    String shapeText() {
      return TorchScriptNet.shapeText(shape);
    }
  }

  /**
   * Why the engine refused: the file did not load, the module failed on the input, or it ran and
   * returned something other than one floating-point tensor ({@link #output}).
   */
  static final class EngineFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean output;

    EngineFailure(String reason, Throwable cause) {
      this(reason, cause, false);
    }

    EngineFailure(String reason, Throwable cause, boolean output) {
      super(reason, cause);
      this.output = output;
    }

    /** Whether the module ran and it is what it returned that does not fit. */
    boolean output() {
      return output;
    }
  }

  private final Model model;

  private TorchScriptNet(Model model) {
    this.model = model;
  }

  /**
   * Loads a TorchScript file onto a device (DJL loads it in inference mode, parameters frozen).
   *
   * @throws EngineFailure with the engine's reason when PyTorch cannot load it
   * @throws ModelException FAILED when the host provides no engine
   */
  static TorchScriptNet load(Path file, ai.djl.Device device) throws EngineFailure, ModelException {
    Devices.engine();
    Model model = Model.newInstance("torchscript", device, Devices.ENGINE);
    try {
      // mapLocation: the module's tensors go to this model's device, wherever they were saved.
      model.load(file, null, Map.of("mapLocation", "true"));
      if (model.getBlock() == null) {
        throw new EngineFailure("the engine loaded no module", null);
      }
      return new TorchScriptNet(model);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new EngineFailure(reason(e), e);
    } catch (EngineFailure e) {
      model.close();
      throw e;
    }
  }

  /**
   * Runs the module on {@code rows × width} floats.
   *
   * @throws EngineFailure when the module fails on this input or returns anything but one tensor
   */
  synchronized Output forward(float[] input, int rows, int width) throws EngineFailure {
    if (input.length != rows * width) {
      throw new IllegalArgumentException(input.length + " values for " + rows + " × " + width);
    }
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDArray x = manager.create(input, new Shape(rows, width));
      NDList out =
          model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
      if (out.size() != 1) {
        throw new EngineFailure(
            "it returns " + out.size() + " values; it must return one tensor", null, true);
      }
      NDArray y = out.get(0);
      if (!y.getDataType().isFloating()) {
        throw new EngineFailure(
            "it returns a tensor of "
                + y.getDataType().toString().toLowerCase(Locale.ROOT)
                + " values of shape "
                + shapeText(y.getShape().getShape())
                + "; it must return floating-point numbers (scores or values)",
            null,
            true);
      }
      long[] shape = y.getShape().getShape();
      return new Output(shape, y.toType(DataType.FLOAT32, false).toFloatArray());
    } catch (RuntimeException e) {
      throw new EngineFailure(reason(e), e);
    }
  }

  /**
   * The engine's reason in one line: TorchScript errors carry the serialized code's traceback
   * before the line that says what went wrong ({@code RuntimeError: ...}); file errors start with
   * what failed. C++ source locations ({@code [enforce fail at ...]}) are left out.
   */
  static String reason(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null && message == null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    String[] lines = message.strip().split("\n");
    String chosen = null;
    for (String line : lines) {
      String l = line.strip();
      int error = l.indexOf("Error: ");
      if (error >= 0 && !l.startsWith("File ")) {
        chosen = l.substring(error + "Error: ".length());
      }
    }
    if (chosen == null) {
      chosen = lines[0].strip();
    }
    chosen = chosen.replaceAll("\\[enforce fail at [^\\]]*\\]\\s*\\.?\\s*", "").strip();
    int advert = chosen.indexOf("(Could this error message be improved?");
    if (advert >= 0) {
      chosen = chosen.substring(0, advert).strip();
    }
    chosen = chosen.replaceAll("\\s*\\(most recent call last\\):?$", "");
    return chosen.length() > 300 ? chosen.substring(0, 297) + "..." : chosen;
  }

  static String shapeText(long[] shape) {
    return Arrays.toString(shape);
  }

  @Override
  public void close() {
    model.close();
  }
}
