package io.millwright.metering.ledger;

import java.util.Map;

/** Writes an event's tags as a JSON object for the ledger's {@code jsonb} column. */
final class TagsJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private TagsJson() {}

  /**
   * Returns the tags as a JSON object with keys in sorted order, {@code {}} when there are none.
   */
  static String write(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return "{}";
    }
    StringBuilder json = new StringBuilder(32 * tags.size());
    json.append('{');
    boolean first = true;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      appendString(json, tag.getKey());
      json.append(':');
      appendString(json, tag.getValue());
    }
    return json.append('}').toString();
  }

  private static void appendString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
