package io.millwright.server.datasets.query;

/** A query that is not allowed or cannot run, with a message for the person who wrote it. */
public class SqlRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SqlRefusedException(String message) {
    super(message);
  }

  public SqlRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
