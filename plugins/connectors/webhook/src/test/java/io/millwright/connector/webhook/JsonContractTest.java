package io.millwright.connector.webhook;

import java.util.Map;

/** JSON bodies, a text secret and the default headers. */
class JsonContractTest extends WebhookContractTestBase {

  static final String SECRET = "kit-secret-4f9c2a7e1b6d8c3f5a0e9b2d";

  @Override
  protected Map<String, String> config() {
    return Map.of("secret", SECRET);
  }

  @Override
  protected Sender sender() {
    return new Sender(SECRET);
  }

  @Override
  protected String body(int n) {
    return Sender.orders(n);
  }
}
