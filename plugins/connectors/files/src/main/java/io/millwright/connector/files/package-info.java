/**
 * The {@code files} connector: reads CSV (commons-csv) and XLSX (POI's streaming event API)
 * spreadsheets dropped in a folder, oldest first, resuming inside a file from the offset, and moves
 * each file to a done folder once its rows are committed.
 */
package io.millwright.connector.files;
