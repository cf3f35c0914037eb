package io.millwright.plugin.api.connector;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request someone sent to a push connection's address.
 *
 * @param headers names in lowercase
 * @param body the raw bytes, as signed by the sender
 */
public record PushedRequest(
    String method, Map<String, List<String>> headers, byte[] body, Instant receivedAt) {

  public PushedRequest {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Map.copyOf(lower);
    body = body.clone();
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
