/**
 * One write into a dataset: plan how a file's columns meet the contract (and which it adds), then
 * standardize, validate, deduplicate and write Parquet data files, keeping failed rows for the
 * quarantine. Commits nothing itself. Plain Java.
 */
package io.millwright.server.datasets.pipeline;
