package io.millwright.plugin.api.connector;

/**
 * A source could not do what was asked. The kind tells the host what to do next: retry with
 * backoff, pause the connection until someone fixes its configuration, or refuse one pushed
 * request.
 */
public class ConnectorException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What went wrong, from the host's point of view. */
  public enum Kind {
    /** Worth retrying later: network down, 5xx, rate-limited, broker restarting. */
    UNAVAILABLE,
    /** Retrying will not help until the configuration changes: bad credentials, no such table. */
    CONFIGURATION,
    /**
     * One pushed request is refused (bad signature, replay, malformed body); the source is fine.
     */
    REJECTED
  }

  private final Kind kind;

  public ConnectorException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ConnectorException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static ConnectorException unavailable(String message, Throwable cause) {
    return new ConnectorException(Kind.UNAVAILABLE, message, cause);
  }

  public static ConnectorException configuration(String message) {
    return new ConnectorException(Kind.CONFIGURATION, message);
  }

  public static ConnectorException rejected(String message) {
    return new ConnectorException(Kind.REJECTED, message);
  }

  public Kind kind() {
    return kind;
  }
}
