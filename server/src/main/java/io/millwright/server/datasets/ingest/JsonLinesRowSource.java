package io.millwright.server.datasets.ingest;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams JSON Lines: one object per line, its keys become columns in first-seen order. Each line
 * is parsed on its own so one bad line becomes one quarantined row instead of ending the upload.
 */
final class JsonLinesRowSource implements RowSource {

  private final ByteCountingInputStream bytes;
  private final BufferedReader reader;
  // Looked up once: Json.createParser() searches the service loader on every call.
  private final JsonProvider json = JsonProvider.provider();
  private final List<String> columns = new ArrayList<>();
  private final List<String> columnsView = Collections.unmodifiableList(columns);
  private final Map<String, Integer> columnIndex = new HashMap<>();
  private long lineNumber;
  private long rowsRead;
  private long blankLinesSkipped;

  private JsonLinesRowSource(ByteCountingInputStream bytes, BufferedReader reader) {
    this.bytes = bytes;
    this.reader = reader;
  }

  static JsonLinesRowSource open(ByteCountingInputStream bytes) throws IOException {
    return new JsonLinesRowSource(bytes, Utf8Text.open(bytes));
  }

  @Override
  public List<String> columns() {
    return columnsView;
  }

  @Override
  public SourceRow next() throws IOException {
    String line;
    while ((line = readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        blankLinesSkipped++;
        continue;
      }
      rowsRead++;
      return parse(line);
    }
    return null;
  }

  private String readLine() throws IOException {
    try {
      return reader.readLine();
    } catch (CharacterCodingException e) {
      throw Utf8Text.notUtf8(e);
    }
  }

  private SourceRow parse(String line) {
    Map<String, String> values = new HashMap<>();
    List<String> keysInOrder = new ArrayList<>();
    try (JsonParser parser = json.createParser(new StringReader(line))) {
      JsonParser.Event first = parser.next();
      if (first != JsonParser.Event.START_OBJECT) {
        return broken(line, "it is " + describe(first));
      }
      while (parser.next() != JsonParser.Event.END_OBJECT) {
        // Inside an object the parser alternates KEY_NAME and a value.
        String key = parser.getString();
        if (values.containsKey(key)) {
          return broken(line, "the key '" + key + "' appears twice");
        }
        values.put(key, valueText(parser, parser.next()));
        keysInOrder.add(key);
      }
      if (hasMore(parser)) {
        return broken(line, "there is more text after the object");
      }
    } catch (JsonException | NoSuchElementException e) {
      return broken(line, e.getMessage());
    }
    for (String key : keysInOrder) {
      if (!columnIndex.containsKey(key)) {
        columnIndex.put(key, columns.size());
        columns.add(key);
      }
    }
    String[] cells = new String[columns.size()];
    values.forEach((key, value) -> cells[columnIndex.get(key)] = value);
    return new SourceRow(lineNumber, Arrays.asList(cells), null);
  }

  private static boolean hasMore(JsonParser parser) {
    try {
      return parser.hasNext();
    } catch (JsonException e) {
      // Some providers report trailing text by failing instead of answering true.
      return true;
    }
  }

  /** Scalars keep their JSON text (so 1.50 stays 1.50); nested values become compact JSON. */
  private static String valueText(JsonParser parser, JsonParser.Event event) {
    return switch (event) {
      case VALUE_STRING, VALUE_NUMBER -> parser.getString();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> null;
      case START_OBJECT, START_ARRAY -> parser.getValue().toString();
      default -> throw new JsonException("unexpected " + event);
    };
  }

  private SourceRow broken(String line, String why) {
    // The raw line is kept as the only cell so quarantine can show and replay it.
    return new SourceRow(
        lineNumber, List.of(line), "line " + lineNumber + " is not a JSON object: " + why);
  }

  private static String describe(JsonParser.Event event) {
    return switch (event) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(event);
    };
  }

  @Override
  public long rowsRead() {
    return rowsRead;
  }

  @Override
  public long blankLinesSkipped() {
    return blankLinesSkipped;
  }

  @Override
  public long bytesRead() {
    return bytes.count();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
