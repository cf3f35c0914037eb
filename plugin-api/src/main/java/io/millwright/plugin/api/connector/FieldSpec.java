package io.millwright.plugin.api.connector;

import java.util.Objects;

/**
 * One field a source's records carry.
 *
 * @param name as the source names it
 * @param type what the source says it is
 * @param key part of the source's own identity for a record (a primary key column)
 */
public record FieldSpec(String name, FieldType type, boolean key) {

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
