package io.millwright.plugin.api.connector;

/** A source fed by requests the host receives on the connection's address. */
public interface PushSource extends AutoCloseable {

  /**
   * Verifies one request (signature, freshness) and reads its records. Runs on the request's
   * thread; the sender gets 202 once the records are committed.
   *
   * @throws ConnectorException of kind {@link ConnectorException.Kind#REJECTED} for a request that
   *     must be refused (the sender gets 401 or 400 with the message)
   */
  PushDelivery receive(PushedRequest request) throws ConnectorException;

  @Override
  default void close() {}
}
