/**
 * Reading uploaded files (CSV, XLSX, JSON Lines) as streams of rows, and standardizing raw text to
 * typed values: numbers with thousands separators and units, dates in the usual formats, timestamps
 * with or without offsets. Also proposes a schema from a sample. Plain Java.
 */
package io.millwright.server.datasets.ingest;
