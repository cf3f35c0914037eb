package io.millwright.server.datasets;

import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.SourceFormat;

/**
 * How to read one uploaded file.
 *
 * @param idempotencyKey the client's key: a retry with it returns the first outcome
 * @param delimiter CSV delimiter, or null to detect it from the header
 * @param sheet XLSX sheet name, or null for the first
 */
public record UploadRequest(
    SourceFormat format,
    String fileName,
    String idempotencyKey,
    ParseOptions parse,
    Character delimiter,
    String sheet) {}
