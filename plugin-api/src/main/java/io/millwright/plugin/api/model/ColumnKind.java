package io.millwright.plugin.api.model;

/** How a model type sees a column, whatever its storage type. */
public enum ColumnKind {
  /** Integers and decimals, as doubles. */
  NUMBER,
  /** A small set of values (a region, a product line), as strings. */
  CATEGORY,
  /** Free text, as strings. */
  TEXT,
  /** An instant, as epoch seconds in a double. */
  TIMESTAMP,
  /** True or false, as 1.0 or 0.0. */
  BOOLEAN;

  /** Whether {@link DataBatch#numbers} (rather than {@link DataBatch#strings}) holds it. */
  public boolean numeric() {
    return this == NUMBER || this == TIMESTAMP || this == BOOLEAN;
  }
}
