package io.millwright.console.ports;

import java.util.List;

/**
 * How healthy a tenant's datasets are: quality figures per version and alerts. Every member reads.
 * Refusals arrive as {@link ConsoleException}.
 */
public interface TenantDatasetHealth {

  /**
   * Rows, null rate and min/max per column, and the rule failures of the write that made a version.
   *
   * @param version a version id, or null for the current one
   */
  DatasetQuality quality(String slug, String name, Long version);

  /** Freshness and volume alerts as of now; empty when all is well. */
  List<DatasetAlert> alerts(String slug, String name);
}
