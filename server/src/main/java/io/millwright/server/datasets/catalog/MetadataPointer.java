package io.millwright.server.datasets.catalog;

/**
 * Where a table's current Iceberg metadata file is recorded: the catalog entry of one dataset. A
 * commit is a compare-and-set on it, which is what makes Iceberg commits atomic and concurrent
 * writers safe.
 */
public interface MetadataPointer {

  /** The current metadata location, or {@code null} while the table has none yet. */
  String current();

  /**
   * Moves the pointer from {@code expected} to {@code next}.
   *
   * @return false when another commit moved it first (the caller's base is stale)
   */
  boolean compareAndSet(String expected, String next);
}
