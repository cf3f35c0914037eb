package io.millwright.server.datasets;

import java.util.List;

/**
 * A dataset as a person declares it (request body). {@link DatasetContract} validates it.
 *
 * @param primaryKey columns whose values identify a row; rows repeating a key are deduplicated
 * @param partitioning how data files are split, e.g. {@code day(read_at)} or {@code site}
 * @param retention how long old versions are kept
 * @param freshness ISO-8601 duration within which a new version is expected, e.g. {@code PT1H}
 * @param schemaEvolution {@code add-columns} (default: unknown columns in an upload are added) or
 *     {@code strict} (an upload with unknown columns is rejected)
 */
public record DatasetSpec(
    String name,
    String description,
    List<ColumnSpec> columns,
    List<String> primaryKey,
    List<String> partitioning,
    Retention retention,
    String freshness,
    String schemaEvolution) {

  /** Versions are kept while either bound holds: the newest {@code keepVersions}, or younger. */
  public record Retention(Integer keepVersions, Integer keepDays) {}
}
