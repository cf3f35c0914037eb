package io.millwright.connector.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** JSON lines, a Base64 secret (Standard Webhooks' kind of key) and Svix's header names. */
class JsonlContractTest extends WebhookContractTestBase {

  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected Map<String, String> config() {
    return Map.of(
        "secret",
        "base64:" + Base64.getEncoder().encodeToString(KEY),
        "format",
        "jsonl",
        "idHeader",
        "Svix-Id",
        "timestampHeader",
        "Svix-Timestamp",
        "signatureHeader",
        "Svix-Signature");
  }

  @Override
  protected Sender sender() {
    return new Sender(KEY, "svix-id", "SVIX-TIMESTAMP", "Svix-Signature");
  }

  @Override
  protected String body(int n) {
    return jsonLines(n);
  }
}
