/**
 * A tenant's datasets: governed, versioned Apache Iceberg tables. This package is the application
 * layer (declare, upload, versions, time travel, rollback, quarantine) and its HTTP resource; the
 * sub-packages hold the parts that know nothing of the container: {@code ingest} reads files and
 * standardizes values, {@code pipeline} checks the contract and writes data files, {@code catalog}
 * stores tables in the tenant's encrypted warehouse with the catalog pointer in PostgreSQL.
 */
package io.millwright.server.datasets;
