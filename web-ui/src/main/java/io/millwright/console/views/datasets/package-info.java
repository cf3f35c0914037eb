/**
 * A tenant's datasets in the console: the list, one dataset (alerts, schema, preview with time
 * travel, quality, lineage picture, versions with rollback, uploads, quarantine with replay and
 * discard), uploading a file, declaring a new dataset, the SQL workbench over all of them and the
 * SQL transforms that write a query's result into a dataset by hand or on a schedule. Views build
 * layout and call the dataset ports; rules (masking, validation, roles) stay on the server.
 */
package io.millwright.console.views.datasets;
