package io.millwright.plugin.api.model;

/**
 * Where a model trains or predicts. The host decides: a GPU only when one is present, the type says
 * it can use one, and the tenant's quota allows; otherwise the CPU.
 *
 * @param index the GPU's index among the node's GPUs; 0 for the CPU
 */
public record Device(Kind kind, int index) {

  public enum Kind {
    CPU,
    GPU
  }

  public static final Device CPU = new Device(Kind.CPU, 0);

  public static Device gpu(int index) {
    return new Device(Kind.GPU, index);
  }

  public boolean isGpu() {
    return kind == Kind.GPU;
  }
}
