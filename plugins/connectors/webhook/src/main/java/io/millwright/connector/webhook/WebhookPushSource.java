package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.plugin.api.connector.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verifies and reads the requests of one push connection. Keeps nothing between requests (the host
 * refuses replays by the delivery id and stale requests by the timestamp, both of which are
 * signed), so requests may arrive on any number of threads at once.
 */
final class WebhookPushSource implements PushSource {

  /** Longest delivery id taken; Standard Webhooks ids are about 30 characters. */
  static final int MAX_ID_LENGTH = 256;

  /** Unix seconds up to the year 5138; 13 digits are milliseconds, which is a sender's mistake. */
  private static final int MAX_TIMESTAMP_DIGITS = 11;

  private final WebhookSettings settings;
  private final ConnectorContext context;

  WebhookPushSource(WebhookSettings settings, ConnectorContext context) {
    this.settings = settings;
    this.context = context;
  }

  @Override
  public PushDelivery receive(PushedRequest request) throws ConnectorException {
    String id = single(request, settings.idHeader());
    String timestamp = single(request, settings.timestampHeader());
    String signature = joined(request, settings.signatureHeader());
    List<String> missing = new ArrayList<>();
    if (id == null) {
      missing.add(settings.idHeader());
    }
    if (timestamp == null) {
      missing.add(settings.timestampHeader());
    }
    if (signature == null) {
      missing.add(settings.signatureHeader());
    }
    if (!missing.isEmpty()) {
      throw ConnectorException.rejected(
          "the request has no "
              + String.join(", no ", missing)
              + " header: every request must carry "
              + settings.idHeader()
              + ", "
              + settings.timestampHeader()
              + " and "
              + settings.signatureHeader());
    }
    checkId(id);
    Instant sentAt = sentAt(timestamp);
    byte[] body = request.body();
    Signature.verify(settings.key(), id, timestamp, body, settings.signatureHeader(), signature);
    List<SourceRecord> records = Bodies.read(settings.format(), body, id, settings.maxRecords());
    context.status(
        "read delivery "
            + id
            + ": "
            + records.size()
            + (records.size() == 1 ? " record" : " records"));
    return new PushDelivery(id, sentAt, records);
  }

  /** A header's value; null when absent or empty; refused when sent twice with other values. */
  private static String single(PushedRequest request, String header) throws ConnectorException {
    List<String> values = request.headers().get(header.toLowerCase(Locale.ROOT));
    if (values == null || values.isEmpty()) {
      return null;
    }
    String first = values.get(0);
    for (String value : values) {
      if (!value.equals(first)) {
        throw ConnectorException.rejected(
            "the request has " + values.size() + " " + header + " headers with different values");
      }
    }
    return first.isEmpty() ? null : first;
  }

  /** All values of a header, joined with spaces (signatures may come in several headers). */
  private static String joined(PushedRequest request, String header) {
    List<String> values = request.headers().get(header.toLowerCase(Locale.ROOT));
    if (values == null) {
      return null;
    }
    String all = String.join(" ", values).strip();
    return all.isEmpty() ? null : all;
  }

  /**
   * 1 to 256 visible ASCII characters and no '.': the signed content is {@code id.timestamp.body},
   * and a dot in the id would let a signature be read with the id ending elsewhere.
   */
  private void checkId(String id) throws ConnectorException {
    boolean ok = id.length() <= MAX_ID_LENGTH;
    for (int i = 0; ok && i < id.length(); i++) {
      char c = id.charAt(i);
      ok = c > 0x20 && c < 0x7f && c != '.';
    }
    if (!ok) {
      throw ConnectorException.rejected(
          "the "
              + settings.idHeader()
              + " header must be 1 to "
              + MAX_ID_LENGTH
              + " visible ASCII characters without spaces or '.', e.g. msg_2b7Qz1X");
    }
  }

  private Instant sentAt(String timestamp) throws ConnectorException {
    boolean digits = !timestamp.isEmpty() && timestamp.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || timestamp.length() > MAX_TIMESTAMP_DIGITS) {
      throw ConnectorException.rejected(
          "the "
              + settings.timestampHeader()
              + " header must be the time of signing in whole seconds since 1970-01-01T00:00Z"
              + " (Unix time), e.g. 1714060800"
              + (digits && timestamp.length() >= 13 ? "; this looks like milliseconds" : ""));
    }
    return Instant.ofEpochSecond(Long.parseLong(timestamp));
  }
}
