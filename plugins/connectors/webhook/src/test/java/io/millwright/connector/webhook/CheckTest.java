package io.millwright.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test-connection button of a push connection: nothing to reach, so it checks the configuration
 * and says what senders must send; a configuration that cannot work is CONFIGURATION, for check and
 * for openPush alike, and never quotes the secret.
 */
class CheckTest {

  static final String SECRET = "check-test-secret-5d0a6f3b8e21";

  private final WebhookConnector connector = new WebhookConnector();

  private TestContext context(Map<String, String> overrides) {
    Map<String, String> config = new HashMap<>();
    config.put("secret", SECRET);
    config.putAll(overrides);
    return new TestContext(connector.descriptor(), config);
  }

  @Test
  void checkSaysThereIsNothingToConnectToAndWhatSendersMustSend() throws Exception {
    ConnectionCheck check = connector.check(context(Map.of()));
    assertThat(check.summary())
        .isEqualTo(
            "Push connection: nothing to connect to, senders send to the connection's address."
                + " Requests must carry Webhook-Id, Webhook-Timestamp and Webhook-Signature (v1,"
                + " HMAC-SHA256); body json, at most 10000 records per request.");
    assertThat(check.sample()).isEmpty();

    ConnectionCheck csv =
        connector.check(
            context(Map.of("format", "csv", "maxRecords", "1", "idHeader", "X-Delivery-Id")));
    assertThat(csv.summary())
        .contains("X-Delivery-Id, ")
        .contains("body csv, at most 1 record per");
  }

  @Test
  void aShortSecretIsWorthANoteButNotARefusal() throws Exception {
    assertThat(connector.check(context(Map.of("secret", "tiny5"))).summary())
        .endsWith("The secret is only 5 bytes long; use at least 32 random bytes.")
        .doesNotContain("tiny5");
  }

  @Test
  void configurationsThatCannotWorkAreNamed() {
    assertConfiguration(Map.of("secret", "base64:%%%"), "what follows is not Base64");
    assertConfiguration(Map.of("secret", "base64:"), "no key after it");
    assertConfiguration(Map.of("signatureHeader", "Webhook Signature"), "is not a header name");
    assertConfiguration(Map.of("idHeader", "X-Sig:"), "is not a header name");
    assertConfiguration(
        Map.of("timestampHeader", "webhook-id"),
        "idHeader and timestampHeader are both Webhook-Id; each needs its own header");
    assertConfiguration(Map.of("maxRecords", "0"), "maxRecords must be between 1 and 1000000");
    assertConfiguration(Map.of("maxRecords", "1000001"), "maxRecords must be between 1 and");
  }

  @Test
  void aBase64SecretMayBePastedWithALineBreak() throws Exception {
    assertThat(
            connector
                .check(context(Map.of("secret", "base64:MfKQ9r8GKYqrTwjU\nPD8ILPZIo2LaLaSw\n")))
                .summary())
        .startsWith("Push connection");
  }

  @Test
  void aDescriptionOfTheSettingsNeverHoldsTheKey() throws Exception {
    String text = WebhookSettings.of(context(Map.of()).config()).toString();
    assertThat(text).doesNotContain(SECRET).contains("format=json");
  }

  private void assertConfiguration(Map<String, String> overrides, String expected) {
    TestContext context = context(overrides);
    ConnectorException check =
        catchThrowableOfType(ConnectorException.class, () -> connector.check(context));
    ConnectorException open =
        catchThrowableOfType(ConnectorException.class, () -> connector.openPush(context));
    for (ConnectorException e : new ConnectorException[] {check, open}) {
      assertThat(e).as(overrides.toString()).isNotNull();
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.CONFIGURATION);
      assertThat(e.getMessage()).contains(expected).doesNotContain(SECRET);
      String secret = overrides.get("secret");
      if (secret != null && secret.length() > "base64:".length()) {
        assertThat(e.getMessage()).doesNotContain(secret.substring("base64:".length()));
      }
    }
  }
}
