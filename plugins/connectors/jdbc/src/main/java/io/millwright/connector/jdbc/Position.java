package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where reading stopped: the watermark (or null without one) and the key of the last row read, each
 * with its kind so it binds back exactly as it was read. As an offset:
 *
 * <pre>{"w":{"t":"timestamp","v":"2024-03-01T10:00:00.123456"},"k":[{"t":"long","v":"1042"}]}</pre>
 *
 * <p>{@code {}} is the start, before any row.
 */
record Position(Value watermark, List<Value> keys) {

  static final Offset START = new Offset("{}");

  /** One typed value of a row. */
  record Value(ColumnKind kind, Object value) {}

  /** The values to compare against, watermark first: the order of the keyset columns. */
  List<Value> columns() {
    if (watermark == null) {
      return keys;
    }
    List<Value> all = new ArrayList<>(keys.size() + 1);
    all.add(watermark);
    all.addAll(keys);
    return all;
  }

  Offset toOffset() throws ConnectorException {
    StringBuilder sb = new StringBuilder(64);
    sb.append('{');
    if (watermark != null) {
      sb.append("\"w\":");
      append(sb, watermark);
      sb.append(',');
    }
    sb.append("\"k\":[");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      append(sb, keys.get(i));
    }
    sb.append("]}");
    if (sb.length() > Offset.MAX_LENGTH) {
      throw ConnectorException.configuration(
          "The key values of a row are too long to keep as the place to resume from ("
              + sb.length()
              + " characters, at most "
              + Offset.MAX_LENGTH
              + "); choose shorter key columns");
    }
    return new Offset(sb.toString());
  }

  private static void append(StringBuilder sb, Value v) {
    sb.append("{\"t\":");
    Json.quote(sb, v.kind().tag);
    sb.append(",\"v\":");
    Json.quote(sb, v.kind().format(v.value()));
    sb.append('}');
  }

  /**
   * The position an offset written by this connector stands for, or null for the start; checked
   * against the configuration, which may have changed since.
   */
  static Position of(Offset offset, JdbcSettings settings) throws ConnectorException {
    if (offset == null) {
      return null;
    }
    Position p;
    try {
      Object parsed = Json.parse(offset.value());
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("not a JSON object");
      }
      if (map.isEmpty()) {
        return null;
      }
      Value w = map.containsKey("w") ? value(map.get("w")) : null;
      if (!(map.get("k") instanceof List<?> list)) {
        throw new IllegalArgumentException("no key values");
      }
      List<Value> keys = new ArrayList<>(list.size());
      for (Object o : list) {
        keys.add(value(o));
      }
      p = new Position(w, List.copyOf(keys));
    } catch (RuntimeException e) {
      throw ConnectorException.configuration(
          "The saved offset is not one this connector wrote ("
              + e.getMessage()
              + "); reset the connection's offset to read from the start");
    }
    if ((p.watermark() == null) != (settings.watermark() == null)
        || p.keys().size() != settings.keys().size()) {
      throw ConnectorException.configuration(
          "The saved offset was written for another watermark or key columns than the"
              + " configuration names now; reset the connection's offset to read from the start");
    }
    return p;
  }

  private static Value value(Object o) {
    if (!(o instanceof Map<?, ?> m)
        || !(m.get("t") instanceof String tag)
        || !(m.get("v") instanceof String text)) {
      throw new IllegalArgumentException("a value is not {\"t\":..., \"v\":...}");
    }
    ColumnKind kind = ColumnKind.ofTag(tag);
    if (kind == null) {
      throw new IllegalArgumentException("unknown type " + tag);
    }
    return new Value(kind, kind.parse(text));
  }
}
