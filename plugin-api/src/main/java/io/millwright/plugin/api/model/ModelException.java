package io.millwright.plugin.api.model;

/** Training, loading or prediction could not be done; the kind tells the host what it means. */
public class ModelException extends Exception {

  private static final long serialVersionUID = 1L;

  public enum Kind {
    /**
     * The data or hyperparameters cannot work (a target with one class, no usable feature, a series
     * too short for its lags): the run fails with this message for the person who started it, and
     * retrying the same run cannot help.
     */
    INVALID_INPUT,
    /** Training stopped because {@link TrainingContext#cancelled()} said so. */
    CANCELLED,
    /** Anything else (a damaged artifact, the engine failed); logged with its cause. */
    FAILED
  }

  private final Kind kind;

  public ModelException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ModelException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static ModelException invalidInput(String message) {
    return new ModelException(Kind.INVALID_INPUT, message);
  }

  public static ModelException cancelled() {
    return new ModelException(Kind.CANCELLED, "training was cancelled");
  }

  public static ModelException failed(String message, Throwable cause) {
    return new ModelException(Kind.FAILED, message, cause);
  }

  public Kind kind() {
    return kind;
  }
}
