package io.millwright.server.connections;

/** Another run committed first; this batch's commit is rolled back and it is read again. */
public class OffsetMovedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OffsetMovedException(String message) {
    super(message);
  }
}
