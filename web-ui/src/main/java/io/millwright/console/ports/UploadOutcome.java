package io.millwright.console.ports;

import java.util.List;
import java.util.Map;

/**
 * What an upload did.
 *
 * @param version the version it committed, null if it wrote nothing
 * @param replayed true when this file had already been written and the first outcome is shown
 * @param failuresByRule quarantined rows by the rule they failed
 */
public record UploadOutcome(
    String status,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDeduplicated,
    List<String> addedColumns,
    Map<String, Long> failuresByRule,
    Long version,
    boolean replayed) {}
