package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PushSource;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Receives records that another system sends to a push connection's address as signed HTTP
 * requests: HMAC-SHA256 over the delivery id, the timestamp and the body (Standard Webhooks'
 * scheme), with several signatures per request while a key is rotated; the body one JSON object or
 * array, JSON lines or CSV. Only {@link Capability#PUSH}: polling and streaming are refused by the
 * interface's defaults. Keeps no state: the host stores the delivery ids it has seen.
 */
@Extension
public class WebhookConnector implements Connector {

  /** Below this many bytes a key can be guessed offline from one signed request. */
  static final int SHORT_KEY_BYTES = 16;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "webhook",
          "1.0.0",
          "Webhook (signed HTTP pushes)",
          "Receives records that another system sends to the connection's address as HTTP"
              + " requests signed with a shared secret (HMAC-SHA256 over the delivery id, the"
              + " timestamp and the body, as in Standard Webhooks): one JSON object or an array"
              + " of them, JSON lines or CSV per request.",
          Set.of(Capability.PUSH),
          List.of(
              ConfigOption.secret(
                  WebhookSettings.SECRET,
                  "Signing secret",
                  true,
                  "The key the sender signs every request with, as text, e.g. a random string of"
                      + " 32 or more characters; or base64: followed by the key in Base64 (for a"
                      + " Standard Webhooks secret whsec_XXXX, enter base64:XXXX). Stored"
                      + " encrypted and never shown again."),
              ConfigOption.optional(
                  WebhookSettings.SIGNATURE_HEADER,
                  "Signature header",
                  OptionType.TEXT,
                  "Webhook-Signature",
                  "The header that carries the signature, 'v1,' and the Base64 HMAC-SHA256 of"
                      + " id.timestamp.body; while a secret is rotated it may hold several,"
                      + " separated by spaces, and one match is enough. E.g. Webhook-Signature or"
                      + " Svix-Signature."),
              ConfigOption.optional(
                  WebhookSettings.ID_HEADER,
                  "Delivery id header",
                  OptionType.TEXT,
                  "Webhook-Id",
                  "The header with the sender's id of the delivery, unique for each one and the"
                      + " same when it retries: a second request with an id already received is"
                      + " refused. E.g. Webhook-Id or Svix-Id."),
              ConfigOption.optional(
                  WebhookSettings.TIMESTAMP_HEADER,
                  "Timestamp header",
                  OptionType.TEXT,
                  "Webhook-Timestamp",
                  "The header with when the sender signed the request, in seconds since 1970"
                      + " (Unix time), e.g. Webhook-Timestamp; a request older than the"
                      + " connection's tolerance is refused."),
              ConfigOption.choice(
                  WebhookSettings.FORMAT,
                  "Body format",
                  "json",
                  List.of("json", "jsonl", "csv"),
                  "What a request's body holds: json (one object is one record; an array of"
                      + " objects, or an object with a records array, is many), jsonl (one JSON"
                      + " object per line) or csv (a header row with the column names, then one"
                      + " row per record, comma-separated, quotes as in RFC 4180)."),
              ConfigOption.optional(
                  WebhookSettings.MAX_RECORDS,
                  "Max records per request",
                  OptionType.INTEGER,
                  "10000",
                  "The most records one request may carry, e.g. 10000; a request with more is"
                      + " refused (400) and the sender must split it. 1 to 1000000.")));

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /**
   * Checks the configuration; a push connection has nothing to reach; the sender comes to it.
   *
   * @throws ConnectorException CONFIGURATION when the secret, a header name, the format or the
   *     record limit is not usable
   */
  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    WebhookSettings s = WebhookSettings.of(context.config());
    String summary =
        "Push connection: nothing to connect to, senders send to the connection's address."
            + " Requests must carry "
            + s.idHeader()
            + ", "
            + s.timestampHeader()
            + " and "
            + s.signatureHeader()
            + " (v1, HMAC-SHA256); body "
            + s.format().name
            + ", at most "
            + s.maxRecords()
            + (s.maxRecords() == 1 ? " record" : " records")
            + " per request."
            + (s.keyLength() < SHORT_KEY_BYTES
                ? " The secret is only "
                    + s.keyLength()
                    + (s.keyLength() == 1 ? " byte" : " bytes")
                    + " long; use at least 32 random bytes."
                : "");
    return new ConnectionCheck(summary, List.of());
  }

  @Override
  public PushSource openPush(ConnectorContext context) throws ConnectorException {
    return new WebhookPushSource(WebhookSettings.of(context.config()), context);
  }
}
