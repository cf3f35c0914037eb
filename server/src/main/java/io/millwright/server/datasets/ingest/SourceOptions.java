package io.millwright.server.datasets.ingest;

/**
 * How to read an upload.
 *
 * @param delimiter the CSV field delimiter, or null to detect it from the header line
 * @param sheet the XLSX sheet name, or null for the first sheet
 * @param maxBytes the most raw bytes that may be read from the upload, or 0 for no limit; the limit
 *     protects the server's disk and time from uploads larger than the tenant's plan
 */
public record SourceOptions(Character delimiter, String sheet, long maxBytes) {

  public SourceOptions {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be 0 (unlimited) or positive");
    }
  }

  /** Detect the delimiter, read the first sheet, no size limit. */
  public static SourceOptions defaults() {
    return new SourceOptions(null, null, 0);
  }
}
