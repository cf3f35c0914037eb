package io.millwright.console.ports;

import java.util.Map;

/**
 * A row that failed standardization or validation, kept so nothing is lost.
 *
 * @param id what replay and discard name the row by
 * @param sourceRow where the row is in the uploaded file (line, or sheet row)
 * @param raw the values as they were uploaded, by source column
 */
public record QuarantineRow(
    long id,
    String uploadId,
    long sourceRow,
    String rule,
    String reason,
    Map<String, String> raw) {}
