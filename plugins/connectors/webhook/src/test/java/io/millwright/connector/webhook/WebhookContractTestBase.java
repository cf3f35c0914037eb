package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connector contract for a PUSH-only connector, once per body format: the kit's push test sends
 * a request signed as a sender signs it, then the same with a flipped bit and without headers; the
 * poll and stream tests are skipped by the kit (the descriptor declares only PUSH).
 */
abstract class WebhookContractTestBase extends ConnectorContract {

  private final WebhookConnector connector = new WebhookConnector();

  /** The configuration of this variant, with its secret. */
  protected abstract Map<String, String> config();

  /** The sender that matches {@link #config()}. */
  protected abstract Sender sender();

  /** A body of this variant's format with {@code n} records. */
  protected abstract String body(int n);

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return config();
  }

  /** Nothing to reach for a push connection: a configuration that check must refuse instead. */
  @Override
  protected Map<String, String> unreachableConfig() {
    Map<String, String> c = new java.util.HashMap<>(config());
    c.put("secret", "base64:this is *not* Base64!");
    return c;
  }

  @Override
  protected PushedRequest signedPush(String deliveryId, int records) {
    return sender().push(deliveryId, body(records));
  }

  static String jsonLines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add("{\"sensor\":\"line-" + i + "\",\"celsius\":" + (20 + i) + ".25}");
    }
    return String.join("\n", lines) + "\n";
  }

  static String csv(int n) {
    StringBuilder sb = new StringBuilder("id,name,note\r\n");
    for (int i = 1; i <= n; i++) {
      sb.append(i).append(",\"Name, ").append(i).append("\",plain\r\n");
    }
    return sb.toString();
  }
}
