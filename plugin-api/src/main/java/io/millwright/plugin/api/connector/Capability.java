package io.millwright.plugin.api.connector;

/** How records leave a source. */
public enum Capability {
  /** The host asks for records after an offset, on a schedule (JDBC, REST, files). */
  POLL,
  /** The source delivers records as they arrive and the host acknowledges them (MQTT). */
  STREAM,
  /** Someone else sends requests to the host, which hands them to the source (webhooks). */
  PUSH
}
