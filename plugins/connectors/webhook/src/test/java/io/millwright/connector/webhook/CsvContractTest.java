package io.millwright.connector.webhook;

import java.util.Map;

/** CSV bodies with quoted cells, a text secret, a small record limit. */
class CsvContractTest extends WebhookContractTestBase {

  static final String SECRET = "csv-kit-secret-77c1e0d4a95b";

  @Override
  protected Map<String, String> config() {
    return Map.of("secret", SECRET, "format", "csv", "maxRecords", "100");
  }

  @Override
  protected Sender sender() {
    return new Sender(SECRET);
  }

  @Override
  protected String body(int n) {
    return csv(n);
  }
}
