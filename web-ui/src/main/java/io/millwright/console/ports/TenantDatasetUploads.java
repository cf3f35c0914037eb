package io.millwright.console.ports;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Files into datasets: writers (data engineers, tenant-admins) preview, write and read quarantine;
 * every member follows uploads. Bodies are streamed: the platform reads them once, front to back,
 * and never holds a whole file in memory.
 */
public interface TenantDatasetUploads {

  /**
   * Reads the start of a file and says what writing it would do, writing nothing.
   *
   * @param datasetOrNull the dataset it would go to, or null to propose columns for a new one
   * @param fileName its name, whose extension tells the format (.csv, .xlsx, .jsonl)
   */
  UploadPreview preview(String slug, String datasetOrNull, String fileName, InputStream body);

  /**
   * Writes a file into a dataset as one new version; failing rows go to quarantine.
   *
   * @param idempotencyKey the same key for a repeated attempt with the same file returns the first
   *     outcome instead of writing twice
   */
  UploadOutcome upload(
      String slug, String dataset, String fileName, String idempotencyKey, InputStream body);

  /** Recent uploads, newest first. */
  List<UploadRow> recent(String slug, String dataset, int limit);

  /** Open quarantined rows, oldest first. */
  List<QuarantineRow> quarantine(String slug, String dataset, int limit);

  /**
   * Writes open quarantined rows again, with corrections, through the same checks as an upload;
   * they become one new version and leave the quarantine. Rows that still fail come back with their
   * new reason.
   *
   * @param corrections for each quarantined row id, the cells to change by source column (an empty
   *     map replays the row as it is)
   * @throws ConsoleException when a row is no longer open (replayed or discarded meanwhile)
   */
  UploadOutcome replay(String slug, String dataset, Map<Long, Map<String, String>> corrections);

  /** Gives up open quarantined rows for good (audited; they stay listed); returns how many. */
  int discard(String slug, String dataset, List<Long> ids);
}
