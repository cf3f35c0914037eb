package io.millwright.plugin.api.connector;

/** Where a streaming source hands records to the host. */
public interface RecordSink {

  /**
   * Hands one record over. Blocks while the host's buffer for the connection is full, which is how
   * a fast source is slowed to what the dataset can take; a source should call it from the thread
   * that receives, so its broker sees the back-pressure.
   *
   * @param ack run after the record is committed; until then the source must not acknowledge it
   * @throws InterruptedException when the connection is being stopped
   */
  void accept(SourceRecord record, Acknowledgement ack) throws InterruptedException;

  /**
   * The source broke and cannot go on (connection lost for good, subscription refused). The host
   * closes it and retries with backoff, or pauses the connection after repeated failures.
   */
  void failed(ConnectorException cause);
}
