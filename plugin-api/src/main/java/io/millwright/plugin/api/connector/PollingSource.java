package io.millwright.plugin.api.connector;

/**
 * A source the host polls. It reads and never acknowledges on its own: the host calls {@link
 * #committed} once the records up to an offset are in the dataset.
 */
public interface PollingSource extends AutoCloseable {

  /**
   * Reads the records after an offset.
   *
   * @param after where the previous poll ended: the committed offset, or, within one commit that
   *     takes several polls, the {@code next} of the poll before (not yet committed, so never act
   *     on the source's side here; do that in {@link #committed}); null on a connection's first
   *     poll. A batch with no records but a new {@code next} is committed too.
   * @param maxRecords at most this many records (the host's back-pressure)
   */
  Batch poll(Offset after, int maxRecords) throws ConnectorException;

  /**
   * The records up to this offset are committed: a source that must act on its side (move a file,
   * delete a message) does it now. Called at most once per committed offset; may be called again
   * for the same offset after a crash, so it must be idempotent.
   */
  default void committed(Offset upTo) throws ConnectorException {}

  @Override
  void close() throws ConnectorException;
}
