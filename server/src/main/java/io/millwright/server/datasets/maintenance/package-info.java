/**
 * Changing what a dataset already holds: erasing rows by predicate (copy-on-write, so every later
 * read, SQL included, sees them gone), compacting small files, expiring old versions by the
 * retention policy. Plain Java; the caller commits inside its transaction.
 */
package io.millwright.server.datasets.maintenance;
