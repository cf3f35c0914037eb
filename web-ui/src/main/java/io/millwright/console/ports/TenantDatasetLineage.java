package io.millwright.console.ports;

/**
 * Lineage of a tenant's datasets: which datasets and uploads fed one, and which it feeds. Every
 * member reads. Refusals arrive as {@link ConsoleException}.
 */
public interface TenantDatasetLineage {

  LineageGraph lineage(String slug, String name);
}
