package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.SourceRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON elements as records: an object's fields in order, nested objects flattened with dots ({@code
 * address.city}), arrays kept as compact JSON text; anything but an object is unreadable.
 */
final class Records {

  private Records() {}

  /**
   * One element of a page.
   *
   * @param where host and path of the collection, e.g. {@code crm.example.com/v1/contacts}
   * @param page where in the collection, e.g. {@code page 3}; may be empty
   * @param index the element's index in the page, from 0
   */
  static SourceRecord of(Object element, String where, String page, int index) {
    if (!(element instanceof Map<?, ?> object)) {
      return SourceRecord.unreadable(
          position(where, page, index),
          Json.write(element),
          "element " + (index + 1) + " of the page is " + Json.kind(element) + ", not an object");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    flattenInto(values, "", object);
    return SourceRecord.of(origin(where, page, index, object), values);
  }

  /** "host/path id=42" when the object has a scalar id, else its position in the collection. */
  static String origin(String where, String page, int index, Map<?, ?> object) {
    Object id = object.get("id");
    if (id != null && !(id instanceof Map) && !(id instanceof List)) {
      return where + " id=" + Values.text(id);
    }
    return position(where, page, index);
  }

  private static String position(String where, String page, int index) {
    return where + (page.isEmpty() ? "" : " " + page) + " #" + (index + 1);
  }

  private static void flattenInto(Map<String, Object> values, String prefix, Map<?, ?> object) {
    for (Map.Entry<?, ?> e : object.entrySet()) {
      String name = prefix + e.getKey();
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
        flattenInto(values, name + ".", nested);
      } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
        values.put(name, Json.write(value));
      } else {
        values.put(name, value);
      }
    }
  }
}
