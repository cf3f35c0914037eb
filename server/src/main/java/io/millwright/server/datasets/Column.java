package io.millwright.server.datasets;

import io.millwright.server.glossary.DataType;
import java.util.List;
import java.util.regex.Pattern;

/** A validated column of a dataset's contract. */
public record Column(
    String name,
    DataType type,
    String unit,
    String description,
    String term,
    boolean pii,
    boolean required,
    Double min,
    Double max,
    Pattern pattern,
    List<String> allowedValues) {

  /** The same column with another type (a widening). */
  public Column withType(DataType newType) {
    return new Column(
        name, newType, unit, description, term, pii, required, min, max, pattern, allowedValues);
  }

  public ColumnSpec toSpec() {
    return new ColumnSpec(
        name,
        type.wireName(),
        unit,
        description,
        term,
        pii ? Boolean.TRUE : null,
        required ? Boolean.TRUE : null,
        min,
        max,
        pattern == null ? null : pattern.pattern(),
        allowedValues.isEmpty() ? null : allowedValues);
  }
}
