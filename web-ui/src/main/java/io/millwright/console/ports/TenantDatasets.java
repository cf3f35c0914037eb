package io.millwright.console.ports;

import java.util.List;

/**
 * A tenant's datasets in the console: every member reads; data engineers and tenant-admins declare
 * and roll back. Refusals and bad input arrive as {@link ConsoleException}.
 */
public interface TenantDatasets {

  List<DatasetRow> list(String slug);

  DatasetDetail view(String slug, String name);

  /**
   * Declares a dataset.
   *
   * @throws ConsoleException with a message per bad field (name, description, primaryKey,
   *     partitioning, columns, columns[i].name, ...)
   */
  void create(String slug, DatasetDraft draft);

  /** The versions, newest first. */
  List<DatasetVersionRow> versions(String slug, String name);

  /**
   * The first rows of a version, PII masked for readers who may not write the dataset.
   *
   * @param version a version id for time travel, or null for the current one
   */
  RowsPreview rows(String slug, String name, Long version, int limit);

  /** Makes the version current again; no version is lost. */
  DatasetVersionRow rollback(String slug, String name, long version);
}
