package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.SourceRecord;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one MQTT message into records: a JSON object is one record, a JSON array of objects one
 * record per element, CSV one record per line. What cannot be read becomes an unreadable record
 * with the raw text, never an exception: a bad payload must not stop the subscription.
 */
final class PayloadReader {

  /** Field name of a payload that is a bare JSON value ({@code 21.5}, {@code "on"}). */
  static final String SCALAR_FIELD = "value";

  private final MqttSettings.Payload format;
  private final List<String> csvColumns;
  private final String topicField;

  PayloadReader(MqttSettings.Payload format, List<String> csvColumns, String topicField) {
    this.format = format;
    this.csvColumns = csvColumns == null ? List.of() : List.copyOf(csvColumns);
    this.topicField = topicField;
  }

  static PayloadReader of(MqttSettings settings) {
    return new PayloadReader(settings.payload(), settings.csvColumns(), settings.topicField());
  }

  /** Where a person finds the message: its topic and packet id. */
  static String origin(String topic, int messageId) {
    return topic + " #" + messageId;
  }

  /**
   * The records of one message, in payload order; empty for an empty JSON array or an empty CSV
   * payload.
   */
  List<SourceRecord> read(String topic, int messageId, byte[] payload) {
    String origin = origin(topic, messageId);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString();
    } catch (CharacterCodingException e) {
      return List.of(
          SourceRecord.unreadable(
              origin,
              Base64.getEncoder().encodeToString(payload),
              "payload is not UTF-8 text (" + payload.length + " bytes; raw kept as Base64)"));
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1); // a byte order mark some devices send
    }
    return format == MqttSettings.Payload.CSV
        ? readCsv(topic, origin, text)
        : readJson(topic, origin, text);
  }

  private List<SourceRecord> readJson(String topic, String origin, String text) {
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (Json.ParseException e) {
      return List.of(SourceRecord.unreadable(origin, text, e.getMessage()));
    }
    if (parsed instanceof Map<?, ?> object) {
      return List.of(SourceRecord.of(origin, flatten(topic, object)));
    }
    if (parsed instanceof List<?> array) {
      for (int i = 0; i < array.size(); i++) {
        if (!(array.get(i) instanceof Map)) {
          return List.of(
              SourceRecord.unreadable(
                  origin,
                  text,
                  "a JSON array payload must hold objects, element "
                      + i
                      + " is "
                      + describe(array.get(i))));
        }
      }
      List<SourceRecord> records = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        records.add(
            SourceRecord.of(origin + " [" + i + "]", flatten(topic, (Map<?, ?>) array.get(i))));
      }
      return records;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    putTopic(values, topic);
    values.put(SCALAR_FIELD, parsed);
    return List.of(SourceRecord.of(origin, values));
  }

  private Map<String, Object> flatten(String topic, Map<?, ?> object) {
    Map<String, Object> values = new LinkedHashMap<>();
    putTopic(values, topic);
    flattenInto(values, "", object);
    if (topicField != null) {
      values.put(topicField, topic); // the configured field wins over a payload field of that name
    }
    return values;
  }

  private static void flattenInto(Map<String, Object> values, String prefix, Map<?, ?> object) {
    for (Map.Entry<?, ?> e : object.entrySet()) {
      String name = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        flattenInto(values, name + ".", nested);
      } else if (value instanceof List<?>) {
        values.put(name, Json.write(value));
      } else {
        values.put(name, value);
      }
    }
  }

  private void putTopic(Map<String, Object> values, String topic) {
    if (topicField != null) {
      values.put(topicField, topic);
    }
  }

  private List<SourceRecord> readCsv(String topic, String origin, String text) {
    List<String> lines = text.lines().toList();
    List<SourceRecord> records = new ArrayList<>(lines.size());
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (lineNo == 1 && isHeader(line)) {
        continue;
      }
      String lineOrigin = lines.size() == 1 ? origin : origin + " line " + lineNo;
      List<String> cells;
      try {
        cells = Csv.split(line);
      } catch (IllegalArgumentException e) {
        records.add(SourceRecord.unreadable(lineOrigin, line, e.getMessage()));
        continue;
      }
      if (cells.size() != csvColumns.size()) {
        records.add(
            SourceRecord.unreadable(
                lineOrigin,
                line,
                "CSV line has "
                    + cells.size()
                    + " cells, csvColumns names "
                    + csvColumns.size()
                    + " ("
                    + String.join(",", csvColumns)
                    + ")"));
        continue;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      putTopic(values, topic);
      for (int i = 0; i < cells.size(); i++) {
        values.put(csvColumns.get(i), cells.get(i));
      }
      if (topicField != null) {
        values.put(topicField, topic);
      }
      records.add(SourceRecord.of(lineOrigin, values));
    }
    return records;
  }

  private boolean isHeader(String line) {
    try {
      return Csv.split(line).stream().map(String::strip).toList().equals(csvColumns);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List) {
      return "an array";
    }
    return value instanceof String ? "a string" : "a " + value.getClass().getSimpleName();
  }

  /** One line of comma-separated values, RFC 4180 quoting; an empty unquoted cell is null. */
  static final class Csv {
    private Csv() {}

    static List<String> split(String line) {
      List<String> cells = new ArrayList<>();
      CharBuffer in = CharBuffer.wrap(line);
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (in.hasRemaining()) {
        char c = in.get();
        if (quoted) {
          if (c == '"') {
            if (in.hasRemaining() && in.get(in.position()) == '"') {
              in.get();
              cell.append('"');
            } else {
              quoted = false;
            }
          } else {
            cell.append(c);
          }
        } else if (c == ',') {
          cells.add(finish(cell, wasQuoted));
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '"') {
          if (!cell.toString().isBlank() || wasQuoted) {
            throw new IllegalArgumentException(
                "CSV quote in the middle of cell " + (cells.size() + 1));
          }
          cell.setLength(0);
          quoted = true;
          wasQuoted = true;
        } else {
          if (wasQuoted) {
            if (!Character.isWhitespace(c)) {
              throw new IllegalArgumentException(
                  "CSV text after the closing quote of cell " + (cells.size() + 1));
            }
            continue;
          }
          cell.append(c);
        }
      }
      if (quoted) {
        throw new IllegalArgumentException("CSV quote not closed in cell " + (cells.size() + 1));
      }
      cells.add(finish(cell, wasQuoted));
      return cells;
    }

    private static String finish(StringBuilder cell, boolean wasQuoted) {
      if (wasQuoted) {
        return cell.toString();
      }
      String s = cell.toString().strip();
      return s.isEmpty() ? null : s;
    }
  }
}
