package io.millwright.model.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Tensors that PyTorch owns, made from Java arrays.
 *
 * <p>Why: DJL's {@code manager.create(float[])} wraps a Java direct buffer in place ({@code
 * torch::from_blob}), and a direct buffer is only 16-byte aligned, at an offset that differs from
 * run to run. The BLAS under PyTorch (MKL) may pick a different kernel for a differently aligned
 * matrix and round differently, so two runs with the same seed could drift apart in the last bits,
 * which compound over epochs. A copy made by PyTorch sits in its own 64-byte-aligned memory, the
 * same for every run; the copy costs one pass over the array, small beside the matrix products.
 */
final class Tensors {

  private Tensors() {}

  static NDArray owned(NDManager manager, float[] values, Shape shape) {
    try (NDArray wrapped = manager.create(values, shape)) {
      return wrapped.duplicate();
    }
  }

  /**
   * Not {@code toType(type, true)}: with the type it already has, DJL's PyTorch engine calls {@code
   * tensor.to(type)}, which returns the same memory, now without the reference that keeps the
   * direct buffer alive; once the wrapper is closed, the garbage collector frees what the network
   * still reads (seen as a loss that turns NaN now and then).
   */
  static NDArray owned(NDManager manager, float[] values, Shape shape, DataType type) {
    NDArray copy = owned(manager, values, shape);
    if (copy.getDataType() == type) {
      return copy;
    }
    try (copy) {
      return copy.toType(type, false);
    }
  }

  static NDArray owned(NDManager manager, long[] values, Shape shape) {
    try (NDArray wrapped = manager.create(values, shape)) {
      return wrapped.duplicate();
    }
  }
}
