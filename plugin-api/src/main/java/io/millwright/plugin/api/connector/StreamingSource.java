package io.millwright.plugin.api.connector;

/**
 * A source that delivers records as they arrive. Records that were handed over but not acknowledged
 * when the host stops or crashes must come again when it starts (an MQTT persistent session, a
 * consumer group): that is what makes ingestion lossless.
 */
public interface StreamingSource extends AutoCloseable {

  /** Starts delivering into the sink; returns once subscribed. */
  void start(RecordSink sink) throws ConnectorException;

  /** Stops delivering; records not yet acknowledged stay with the source. */
  @Override
  void close() throws ConnectorException;
}
