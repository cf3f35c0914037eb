package io.millwright.plugin.api.connector;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A kind of source Millwright can ingest from (a database, an HTTP API, an MQTT broker...). One
 * instance serves every connection of every tenant, so it must keep no per-connection state in
 * fields: per-connection state lives in the sources it opens.
 *
 * <p>The host calls only the {@code open*} methods that match the capabilities the descriptor
 * declares.
 */
public interface Connector extends ExtensionPoint {

  /** What this connector is and which configuration it takes; must not change while loaded. */
  ConnectorDescriptor descriptor();

  /**
   * The "test connection" button: reaches the source with this configuration and says what it found
   * (tables, topics, a first page...). Must not change the source or read more than a sample.
   *
   * @throws ConnectorException when the source cannot be reached or refuses the configuration
   */
  ConnectionCheck check(ConnectorContext context) throws ConnectorException;

  /** Opens a source the host polls on the connection's schedule ({@link Capability#POLL}). */
  default PollingSource openPolling(ConnectorContext context) throws ConnectorException {
    throw new UnsupportedOperationException(descriptor().id() + " does not poll");
  }

  /** Opens a source that delivers records as they arrive ({@link Capability#STREAM}). */
  default StreamingSource openStreaming(ConnectorContext context) throws ConnectorException {
    throw new UnsupportedOperationException(descriptor().id() + " does not stream");
  }

  /** Opens a source fed by requests the host receives for it ({@link Capability#PUSH}). */
  default PushSource openPush(ConnectorContext context) throws ConnectorException {
    throw new UnsupportedOperationException(descriptor().id() + " does not accept pushes");
  }

  /**
   * The fields this source's records carry, when the source can say so without reading records (a
   * table's columns, an API's documented fields); the console uses it to map the source onto a
   * dataset. Empty when unknown: the host then infers from the first records.
   *
   * @since 1.1.0
   */
  default List<FieldSpec> discoverSchema(ConnectorContext context) throws ConnectorException {
    return List.of();
  }
}
