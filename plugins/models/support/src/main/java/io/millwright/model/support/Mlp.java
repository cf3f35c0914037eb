package io.millwright.model.support;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.millwright.plugin.api.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trained multilayer perceptron: Linear+ReLU hidden layers (some may be linear, see {@link
 * MlpShape#linear}) and a linear output, in a DJL model that owns its parameters (close it).
 * Thread-safe for {@link #forward}: each call works in its own NDManager.
 */
public final class Mlp implements AutoCloseable {

  /** The parameter file's name prefix in a model's folder: {@code mlp-0000.params}. */
  public static final String NAME = "mlp";

  /**
   * The epoch in the parameter file's name, always the same: {@code Model.load} without an epoch
   * takes the highest-numbered file, and a fixed name leaves no doubt which one is the model.
   */
  static final int EPOCH = 0;

  /** The parameter file in a model's folder. */
  public static final String FILE = String.format("%s-%04d.params", NAME, EPOCH);

  /** Rows per forward pass when predicting, to bound memory on big batches. */
  static final int PREDICT_CHUNK = 4096;

  private final Model model;
  private final MlpShape shape;

  Mlp(Model model, MlpShape shape) {
    this.model = model;
    this.shape = shape;
  }

  /**
   * The layers of a network: inputs, hidden sizes, outputs.
   *
   * @param linear the indexes (into {@code hidden}) of hidden layers that have no ReLU after them,
   *     sorted, e.g. an autoencoder's bottleneck, which must not cut off negative codes; empty for
   *     a plain MLP, which builds exactly the block it built before this was added (so saved
   *     networks load as they did). Save it with the model: a network loads only into its shape.
   */
  public record MlpShape(int inputs, List<Integer> hidden, int outputs, List<Integer> linear) {
    public MlpShape {
      hidden = List.copyOf(hidden);
      linear = List.copyOf(new java.util.TreeSet<>(linear));
      if (inputs < 1 || outputs < 1 || hidden.stream().anyMatch(h -> h < 1)) {
        throw new IllegalArgumentException("inputs, outputs and layers must be positive: " + this);
      }
      for (int i : linear) {
        if (i < 0 || i >= hidden.size()) {
          throw new IllegalArgumentException(
              "linear layer " + i + " is not one of the " + hidden.size() + " hidden layers");
        }
      }
    }

    /** Every hidden layer followed by a ReLU. */
    public MlpShape(int inputs, List<Integer> hidden, int outputs) {
      this(inputs, hidden, outputs, List.of());
    }

    /** A new, uninitialized block of this shape. */
    SequentialBlock block() {
      SequentialBlock block = new SequentialBlock();
      for (int i = 0; i < hidden.size(); i++) {
        block.add(Linear.builder().setUnits(hidden.get(i)).build());
        if (!linear.contains(i)) {
          block.add(Activation.reluBlock());
        }
      }
      block.add(Linear.builder().setUnits(outputs).build());
      return block;
    }
  }

  public MlpShape shape() {
    return shape;
  }

  /**
   * The network's raw outputs (logits for classification) for {@code rows} encoded rows, {@code
   * rows × outputs} floats.
   */
  public float[] forward(float[] features, int rows) throws ModelException {
    int inputs = shape.inputs();
    if (features.length != rows * inputs) {
      throw new IllegalArgumentException(
          features.length + " features for " + rows + " rows of " + inputs);
    }
    float[] out = new float[rows * shape.outputs()];
    try (NDManager manager = model.getNDManager().newSubManager()) {
      ParameterStore parameters = new ParameterStore(manager, false);
      for (int from = 0; from < rows; from += PREDICT_CHUNK) {
        int n = Math.min(PREDICT_CHUNK, rows - from);
        float[] chunk = new float[n * inputs];
        System.arraycopy(features, from * inputs, chunk, 0, chunk.length);
        NDArray x = Tensors.owned(manager, chunk, new Shape(n, inputs));
        NDArray y = model.getBlock().forward(parameters, new NDList(x), false).singletonOrThrow();
        float[] values = y.toFloatArray();
        System.arraycopy(values, 0, out, from * shape.outputs(), values.length);
      }
    } catch (RuntimeException e) {
      throw ModelException.failed("the network could not predict", e);
    }
    return out;
  }

  /** Writes the parameters as {@link #FILE} into a model's folder. */
  public void save(Path folder) throws IOException {
    model.setProperty("Epoch", Integer.toString(EPOCH));
    model.save(folder, NAME);
  }

  /** Loads the parameters {@link #save} wrote into a new network of that shape. */
  public static Mlp load(Path folder, MlpShape shape, ai.djl.Device device) throws ModelException {
    if (!Files.isRegularFile(folder.resolve(FILE))) {
      throw ModelException.failed("the model has no " + FILE, null);
    }
    Devices.engine();
    Model model = Model.newInstance(NAME, device, Devices.ENGINE);
    try {
      model.setBlock(shape.block());
      model.load(folder, NAME, Map.of("epoch", Integer.toString(EPOCH)));
      return new Mlp(model, shape);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw ModelException.failed("cannot load the network from " + FILE, e);
    }
  }

  /** The DJL model, for what this class does not cover. */
  public Model model() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
