package io.millwright.connector.webhook;

import io.millwright.connector.webhook.WebhookSettings.Format;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a verified body, in its format. A body that cannot be read as a whole (not JSON, a
 * CSV header that cannot name the columns, more records than allowed) is refused; one line or row
 * that cannot be read is handed over as unreadable with its raw text, and the rest is read.
 */
final class Bodies {

  static final String RECORDS = "records";

  private Bodies() {}

  /**
   * Reads a body.
   *
   * @param delivery the delivery's id, for the records' origins ({@code delivery <id> #<n>})
   * @throws ConnectorException REJECTED when the body cannot be read as a whole
   */
  static List<SourceRecord> read(Format format, byte[] body, String delivery, int maxRecords)
      throws ConnectorException {
    Text text = Text.decode(body);
    return switch (format) {
      case JSON -> json(text, delivery, maxRecords);
      case JSONL -> jsonl(text, delivery, maxRecords);
      case CSV -> csv(text, delivery, maxRecords);
    };
  }

  static String origin(String delivery, int n) {
    return "delivery " + delivery + " #" + n;
  }

  // ---- json -----------------------------------------------------------------------------------

  private static List<SourceRecord> json(Text text, String delivery, int max)
      throws ConnectorException {
    if (text.malformed()) {
      throw ConnectorException.rejected(
          "the body (format json) is not UTF-8: byte "
              + (text.firstBadByte() + 1)
              + " does not belong to a UTF-8 character");
    }
    Object document;
    try {
      document = Json.parse(text.text());
    } catch (Json.ParseException e) {
      throw ConnectorException.rejected("the body (format json) is " + e.getMessage());
    }
    List<?> elements;
    if (document instanceof Map<?, ?> object) {
      elements = object.get(RECORDS) instanceof List<?> records ? records : List.of(document);
    } else if (document instanceof List<?> array) {
      elements = array;
    } else {
      throw ConnectorException.rejected(
          "the body (format json) is "
              + Json.kind(document)
              + "; it must be an object (one record), an array of objects or"
              + " {\"records\": [...]}");
    }
    if (elements.size() > max) {
      throw tooMany(max);
    }
    List<SourceRecord> records = new ArrayList<>(elements.size());
    for (Object element : elements) {
      int n = records.size() + 1;
      if (element instanceof Map<?, ?> object) {
        records.add(SourceRecord.of(origin(delivery, n), values(object)));
      } else {
        records.add(
            SourceRecord.unreadable(
                origin(delivery, n),
                Json.write(element),
                "record " + n + " is " + Json.kind(element) + ", not a JSON object"));
      }
    }
    return records;
  }

  /**
   * A JSON object's fields, in order: strings, numbers, booleans and null as they are; nested
   * objects and arrays as their compact JSON text.
   */
  static Map<String, Object> values(Map<?, ?> object) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : object.entrySet()) {
      Object value = e.getValue();
      values.put(
          String.valueOf(e.getKey()),
          value instanceof Map<?, ?> || value instanceof List<?> ? Json.write(value) : value);
    }
    return values;
  }

  // ---- jsonl ----------------------------------------------------------------------------------

  private static List<SourceRecord> jsonl(Text text, String delivery, int max)
      throws ConnectorException {
    String body = text.text();
    List<SourceRecord> records = new ArrayList<>();
    int start = 0;
    int lineNumber = 0;
    while (start < body.length()) {
      lineNumber++;
      int newline = body.indexOf('\n', start);
      int next = newline < 0 ? body.length() : newline + 1;
      int end = newline < 0 ? body.length() : newline;
      if (end > start && body.charAt(end - 1) == '\r') {
        end--;
      }
      String line = body.substring(start, end);
      boolean malformed = text.malformedIn(start, end);
      start = next;
      if (line.isBlank()) {
        continue;
      }
      int n = records.size() + 1;
      if (n > max) {
        throw tooMany(max);
      }
      String origin = origin(delivery, n);
      if (malformed) {
        records.add(
            SourceRecord.unreadable(
                origin, line, "line " + lineNumber + " holds bytes that are not UTF-8"));
        continue;
      }
      Object value;
      try {
        value = Json.parse(line);
      } catch (Json.ParseException e) {
        records.add(
            SourceRecord.unreadable(origin, line, "line " + lineNumber + " is " + e.getMessage()));
        continue;
      }
      if (value instanceof Map<?, ?> object) {
        records.add(SourceRecord.of(origin, values(object)));
      } else {
        records.add(
            SourceRecord.unreadable(
                origin,
                line,
                "line " + lineNumber + " is " + Json.kind(value) + ", not a JSON object"));
      }
    }
    return records;
  }

  // ---- csv ------------------------------------------------------------------------------------

  private static List<SourceRecord> csv(Text text, String delivery, int max)
      throws ConnectorException {
    Csv csv = new Csv(text.text());
    Csv.Row header = csv.next();
    while (header != null && header.blank()) {
      header = csv.next();
    }
    if (header == null) {
      return List.of(); // an empty body, or blank lines only: no records
    }
    if (header.problem() != null) {
      throw ConnectorException.rejected(
          "the header row (line "
              + header.line()
              + ") of the body (format csv) cannot be read: "
              + header.problem());
    }
    if (text.malformedIn(header.start(), header.end())) {
      throw ConnectorException.rejected(
          "the header row (line "
              + header.line()
              + ") of the body (format csv) holds bytes that are not UTF-8");
    }
    List<String> columns = columns(header);
    List<SourceRecord> records = new ArrayList<>();
    for (Csv.Row row = csv.next(); row != null; row = csv.next()) {
      if (row.blank()) {
        continue;
      }
      int n = records.size() + 1;
      if (n > max) {
        throw tooMany(max);
      }
      String origin = origin(delivery, n);
      String problem = problem(row, columns, text);
      if (problem != null) {
        records.add(SourceRecord.unreadable(origin, row.raw(), problem));
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        String cell = row.cells().get(i);
        values.put(columns.get(i), cell.isEmpty() ? null : cell);
      }
      records.add(SourceRecord.of(origin, values));
    }
    return records;
  }

  /**
   * Names trimmed, trailing empty names left out; an empty name before them or a repeat refused.
   */
  private static List<String> columns(Csv.Row header) throws ConnectorException {
    List<String> cells = header.cells();
    int end = cells.size();
    while (end > 0 && cells.get(end - 1).isBlank()) {
      end--;
    }
    List<String> names = new ArrayList<>(end);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < end; i++) {
      String name = cells.get(i).strip();
      if (name.isEmpty()) {
        throw ConnectorException.rejected(
            "the header row of the body (format csv) has no name for column "
                + (i + 1)
                + "; every column needs one");
      }
      Integer earlier = seen.putIfAbsent(name, i + 1);
      if (earlier != null) {
        throw ConnectorException.rejected(
            "the header row of the body (format csv) names columns "
                + earlier
                + " and "
                + (i + 1)
                + " both '"
                + name
                + "'; column names must be unique");
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw ConnectorException.rejected("the header row of the body (format csv) names no column");
    }
    return names;
  }

  /**
   * Why a data row cannot be a record ("line 7 has 2 fields..."), or null. Extra cells are fine
   * while they are empty.
   */
  private static String problem(Csv.Row row, List<String> columns, Text text) {
    if (row.problem() != null) {
      return "line " + row.line() + ": " + row.problem();
    }
    if (text.malformedIn(row.start(), row.end())) {
      return "line " + row.line() + " holds bytes that are not UTF-8";
    }
    int cells = row.cells().size();
    if (cells < columns.size()
        || row.cells().subList(columns.size(), cells).stream().anyMatch(c -> !c.isEmpty())) {
      return "line "
          + row.line()
          + " has "
          + cells
          + (cells == 1 ? " field" : " fields")
          + ", the header has "
          + columns.size();
    }
    return null;
  }

  private static ConnectorException tooMany(int max) {
    return ConnectorException.rejected(
        "the request holds more than "
            + max
            + " records, the most this connection takes in one request (maxRecords); send them in"
            + " smaller requests");
  }
}
