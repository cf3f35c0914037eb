package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.PushedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests as a sender does, written from the scheme rather than from the plugin's code:
 * {@code v1,} and the Base64 HMAC-SHA256 of {@code id.timestamp.body}.
 */
final class Sender {

  static final String ID = "Webhook-Id";
  static final String TIMESTAMP = "Webhook-Timestamp";
  static final String SIGNATURE = "Webhook-Signature";

  private final byte[] key;
  private final String idHeader;
  private final String timestampHeader;
  private final String signatureHeader;

  Sender(byte[] key, String idHeader, String timestampHeader, String signatureHeader) {
    this.key = key.clone();
    this.idHeader = idHeader;
    this.timestampHeader = timestampHeader;
    this.signatureHeader = signatureHeader;
  }

  /** A sender with a text secret and the default headers. */
  Sender(String secret) {
    this(secret.getBytes(StandardCharsets.UTF_8), ID, TIMESTAMP, SIGNATURE);
  }

  static String v1(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] content = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
      mac.update(content);
      mac.update(body);
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String v1(String id, String timestamp, byte[] body) {
    return v1(key, id, timestamp, body);
  }

  /** A request signed now. */
  PushedRequest push(String id, String body) {
    return push(id, Long.toString(Instant.now().getEpochSecond()), body);
  }

  PushedRequest push(String id, String timestamp, String body) {
    return push(id, timestamp, body.getBytes(StandardCharsets.UTF_8));
  }

  PushedRequest push(String id, String timestamp, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put(idHeader, id);
    headers.put(timestampHeader, timestamp);
    headers.put(signatureHeader, v1(id, timestamp, body));
    return request(headers, body);
  }

  static PushedRequest request(Map<String, String> headers, byte[] body) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return new PushedRequest("POST", multi, body, Instant.now());
  }

  /** The same request with one header replaced (or removed, for null). */
  static PushedRequest with(PushedRequest request, String header, String value) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    headers.remove(header.toLowerCase(java.util.Locale.ROOT));
    if (value != null) {
      headers.put(header, List.of(value));
    }
    return new PushedRequest(request.method(), headers, request.body(), request.receivedAt());
  }

  /** A JSON array of {@code n} orders. */
  static String orders(int n) {
    List<String> items = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      items.add("{\"id\":" + i + ",\"customer\":\"c-" + i + "\",\"total\":" + (i * 10) + ".5}");
    }
    return "[" + String.join(",", items) + "]";
  }
}
