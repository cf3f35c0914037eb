package io.millwright.plugin.api.connector;

/** Tells a streaming source that a record is committed and may be acknowledged to its broker. */
@FunctionalInterface
public interface Acknowledgement {

  /** Called once, after the commit that holds the record; must not block for long. */
  void acknowledge() throws ConnectorException;
}
