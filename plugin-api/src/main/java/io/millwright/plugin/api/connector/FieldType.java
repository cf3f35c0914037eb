package io.millwright.plugin.api.connector;

/** The type of a source field, as far as the source knows it. */
public enum FieldType {
  TEXT,
  INTEGER,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIMESTAMP
}
