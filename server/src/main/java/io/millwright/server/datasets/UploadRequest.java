package io.millwright.server.datasets;

import io.millwright.server.datasets.ingest.DateOrder;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.SourceFormat;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
    String sheet) {

  /**
   * Reads an upload's options as people send them (API query parameters, console fields); null
   * means the default: DMY dates, '.' decimals, UTC, delimiter detected, first sheet. Shared by the
   * REST API and the console so both accept and refuse the same things.
   *
   * @throws ProblemException 400 naming every bad option
   */
  public static UploadRequest of(
      String contentType,
      String fileName,
      String idempotencyKey,
      String dateOrder,
      String decimalSeparator,
      String zone,
      String delimiter,
      String sheet) {
    Map<String, String> errors = new LinkedHashMap<>();
    SourceFormat format = SourceFormat.of(contentType, fileName).orElse(null);
    if (format == null) {
      errors.put(
          "Content-Type",
          "send text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or"
              + " application/x-ndjson, or name the file (fileName=...csv|.xlsx|.jsonl)");
    }
    DateOrder order = DateOrder.DMY;
    if (dateOrder != null) {
      try {
        order = DateOrder.valueOf(dateOrder.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.put("dateOrder", "DMY (01/03/2024 is 1 March) or MDY (3 January)");
      }
    }
    char separator = '.';
    if (decimalSeparator != null) {
      if (decimalSeparator.equals(".") || decimalSeparator.equals(",")) {
        separator = decimalSeparator.charAt(0);
      } else {
        errors.put("decimalSeparator", "'.' or ','");
      }
    }
    ZoneId zoneId = ZoneId.of("UTC");
    if (zone != null) {
      try {
        zoneId = ZoneId.of(zone.trim());
      } catch (DateTimeException e) {
        errors.put("zone", "a time zone such as Europe/Berlin or UTC");
      }
    }
    Character delim = null;
    if (delimiter != null) {
      String d = delimiter.equals("\\t") || delimiter.equalsIgnoreCase("tab") ? "\t" : delimiter;
      if (d.length() == 1 && ",;\t|".contains(d)) {
        delim = d.charAt(0);
      } else {
        errors.put("delimiter", "one of , ; | or tab");
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return new UploadRequest(
        format, fileName, idempotencyKey, new ParseOptions(order, separator, zoneId), delim, sheet);
  }
}
