package io.millwright.plugin.api.model;

import java.util.Objects;

/** A column as a model type sees it. */
public record Column(String name, ColumnKind kind) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }
}
