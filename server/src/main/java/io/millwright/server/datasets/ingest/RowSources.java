package io.millwright.server.datasets.ingest;

import java.io.IOException;
import java.io.InputStream;

/** Opens the row reader for an upload's format. */
public final class RowSources {

  private RowSources() {}

  /**
   * Opens a streaming reader and reads the header. The source owns {@code in} and closes it.
   *
   * @throws MalformedSourceException when the upload has no usable header or is not the format
   * @throws SourceTooLargeException when the upload exceeds {@link SourceOptions#maxBytes()}
   */
  public static RowSource open(SourceFormat format, InputStream in, SourceOptions options)
      throws IOException {
    ByteCountingInputStream bytes = new ByteCountingInputStream(in, options.maxBytes());
    try {
      return switch (format) {
        case CSV -> CsvRowSource.open(bytes, options);
        case XLSX -> XlsxRowSource.open(bytes, options);
        case JSONL -> JsonLinesRowSource.open(bytes);
      };
    } catch (IOException | RuntimeException e) {
      bytes.close();
      throw e;
    }
  }
}
