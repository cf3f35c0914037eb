package io.millwright.server.datasets.ingest;

import java.util.Locale;
import java.util.Optional;

/** The upload formats the ingest can stream rows from. */
public enum SourceFormat {
  CSV,
  XLSX,
  JSONL;

  /**
   * Picks the format from the declared content type, falling back to the file extension.
   *
   * <p>Browsers often send {@code application/octet-stream} or {@code application/vnd.ms-excel} for
   * a {@code .csv}, so an unknown or generic content type does not win over a known extension.
   */
  public static Optional<SourceFormat> of(String contentType, String fileName) {
    Optional<SourceFormat> byType = byContentType(contentType);
    return byType.isPresent() ? byType : byExtension(fileName);
  }

  private static Optional<SourceFormat> byContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    // Drop parameters such as "; charset=utf-8".
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "text/csv", "text/tab-separated-values" -> Optional.of(CSV);
      case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> Optional.of(XLSX);
      case "application/x-ndjson", "application/jsonl", "application/x-jsonlines" ->
          Optional.of(JSONL);
      default -> Optional.empty();
    };
  }

  private static Optional<SourceFormat> byExtension(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.trim().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (name.substring(dot + 1)) {
      case "csv", "tsv", "txt" -> Optional.of(CSV);
      case "xlsx" -> Optional.of(XLSX);
      case "jsonl", "ndjson" -> Optional.of(JSONL);
      default -> Optional.empty();
    };
  }
}
