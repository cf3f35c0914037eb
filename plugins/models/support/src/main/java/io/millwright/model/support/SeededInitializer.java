package io.millwright.model.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * Xavier (Glorot) uniform weights drawn from a {@link java.util.Random} of the run's seed, in Java,
 * so the initial network depends on the seed alone: not on PyTorch's global generator, which every
 * run in the JVM shares (the host trains several at once) and which DJL's own initializers draw
 * from.
 */
final class SeededInitializer implements Initializer {

  private final Random random;

  SeededInitializer(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public synchronized NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    long size = shape.size();
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a parameter of " + size + " values");
    }
    long fanOut = shape.dimension() > 0 ? shape.get(0) : 1;
    long fanIn = shape.dimension() > 1 ? size / fanOut : 1;
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] values = new float[(int) size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return Tensors.owned(manager, values, shape, dataType);
  }
}
