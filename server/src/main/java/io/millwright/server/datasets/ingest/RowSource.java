package io.millwright.server.datasets.ingest;

import java.io.IOException;
import java.util.List;

/**
 * Streams the data rows of one upload, one at a time, so that an upload of any size is read in
 * bounded memory.
 */
public interface RowSource extends AutoCloseable {

  /**
   * Header names as found in the file, trimmed. For JSONL the list grows when a later object has
   * keys not seen before; earlier rows are then shorter than the list.
   */
  List<String> columns();

  /** The next data row, or null at the end. */
  SourceRow next() throws IOException;

  /** Data rows returned so far, broken ones included. */
  long rowsRead();

  /** Blank lines (or empty sheet rows) that were skipped rather than returned. */
  long blankLinesSkipped();

  /**
   * Raw bytes consumed from the upload so far, for progress reporting. Readers buffer ahead, so
   * this runs ahead of {@link #rowsRead()}; an XLSX is spooled whole when it is opened.
   */
  long bytesRead();

  @Override
  void close() throws IOException;
}
