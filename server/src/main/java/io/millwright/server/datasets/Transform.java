package io.millwright.server.datasets;

import java.time.Instant;

/** A named SQL query whose result is materialized into a target dataset on every run. */
public record Transform(
    String name,
    String description,
    String query,
    String target,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    long version) {

  /** Request body: what a person declares. */
  public record Definition(String name, String description, String query, String target) {}
}
