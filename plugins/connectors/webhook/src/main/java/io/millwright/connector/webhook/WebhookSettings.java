package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A connection's configuration, checked: the signing key as bytes, the three header names, the body
 * format and the record limit. Not a record, so neither {@code toString} nor {@code equals} ever
 * touch the key.
 */
final class WebhookSettings {

  static final String SECRET = "secret";
  static final String SIGNATURE_HEADER = "signatureHeader";
  static final String ID_HEADER = "idHeader";
  static final String TIMESTAMP_HEADER = "timestampHeader";
  static final String FORMAT = "format";
  static final String MAX_RECORDS = "maxRecords";

  static final String BASE64_PREFIX = "base64:";
  static final int MAX_RECORDS_LIMIT = 1_000_000;

  /** How a request's body holds its records. */
  enum Format {
    /** One JSON object, an array of objects, or an object with a {@code records} array. */
    JSON("json"),
    /** One JSON object per line. */
    JSONL("jsonl"),
    /** A header row, then one row per record (RFC 4180, comma). */
    CSV("csv");

    final String name;

    Format(String name) {
      this.name = name;
    }

    static Format of(String name) throws ConnectorException {
      for (Format f : values()) {
        if (f.name.equals(name)) {
          return f;
        }
      }
      throw ConnectorException.configuration(
          "format must be json, jsonl or csv, not '" + name + "'");
    }
  }

  private final byte[] key;
  private final String signatureHeader;
  private final String idHeader;
  private final String timestampHeader;
  private final Format format;
  private final int maxRecords;

  private WebhookSettings(
      byte[] key,
      String signatureHeader,
      String idHeader,
      String timestampHeader,
      Format format,
      int maxRecords) {
    this.key = key;
    this.signatureHeader = signatureHeader;
    this.idHeader = idHeader;
    this.timestampHeader = timestampHeader;
    this.format = format;
    this.maxRecords = maxRecords;
  }

  /**
   * Reads and checks a configuration.
   *
   * @throws ConnectorException of kind CONFIGURATION naming the option; never quoting the secret
   */
  static WebhookSettings of(ConnectorConfig config) throws ConnectorException {
    byte[] key = key(config.text(SECRET));
    String signature = header(config, SIGNATURE_HEADER, "Webhook-Signature");
    String id = header(config, ID_HEADER, "Webhook-Id");
    String timestamp = header(config, TIMESTAMP_HEADER, "Webhook-Timestamp");
    distinct(SIGNATURE_HEADER, signature, ID_HEADER, id);
    distinct(SIGNATURE_HEADER, signature, TIMESTAMP_HEADER, timestamp);
    distinct(ID_HEADER, id, TIMESTAMP_HEADER, timestamp);
    String formatName = config.text(FORMAT);
    Format format = Format.of(formatName == null ? "json" : formatName.strip());
    long max;
    try {
      String text = config.text(MAX_RECORDS);
      max = text == null ? 10_000 : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw ConnectorException.configuration("maxRecords must be a whole number");
    }
    if (max < 1 || max > MAX_RECORDS_LIMIT) {
      throw ConnectorException.configuration(
          "maxRecords must be between 1 and " + MAX_RECORDS_LIMIT + ", not " + max);
    }
    return new WebhookSettings(key, signature, id, timestamp, format, (int) max);
  }

  /** The HMAC key: the secret's UTF-8 bytes, or the Base64 after {@code base64:}. */
  static byte[] key(String secret) throws ConnectorException {
    if (secret == null || secret.isEmpty()) {
      throw ConnectorException.configuration(
          "secret is required: the key the sender signs its requests with");
    }
    if (!secret.startsWith(BASE64_PREFIX)) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    // Whitespace never belongs to Base64; a pasted key often brings a line break along.
    String encoded = secret.substring(BASE64_PREFIX.length()).replaceAll("\\s", "");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      // Not e.getMessage(): it quotes a character of the secret.
      throw ConnectorException.configuration(
          "secret starts with 'base64:' but what follows is not Base64 (A-Z, a-z, 0-9, + and /,"
              + " '=' padding); enter the key as text without the prefix, or its Base64 after it");
    }
    if (key.length == 0) {
      throw ConnectorException.configuration("secret is 'base64:' with no key after it");
    }
    return key;
  }

  private static String header(ConnectorConfig config, String option, String fallback)
      throws ConnectorException {
    String value = config.text(option);
    String name = value == null ? fallback : value.strip();
    if (name.isEmpty()) {
      throw ConnectorException.configuration(option + " must name a header, e.g. " + fallback);
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        throw ConnectorException.configuration(
            option
                + " '"
                + printable(name)
                + "' is not a header name: letters, digits and !#$%&'*+-.^_`|~ only, e.g. "
                + fallback);
      }
    }
    return name;
  }

  private static void distinct(String option1, String name1, String option2, String name2)
      throws ConnectorException {
    if (name1.equalsIgnoreCase(name2)) {
      throw ConnectorException.configuration(
          option1 + " and " + option2 + " are both " + name1 + "; each needs its own header");
    }
  }

  /** RFC 9110 5.6.2 tchar. */
  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .limit(60)
        .forEach(
            cp ->
                sb.append(
                    cp < 0x20 || cp == 0x7f ? "\\u%04x".formatted(cp) : Character.toString(cp)));
    return sb.toString();
  }

  /** The key; a copy, so nothing outside can change it. */
  byte[] key() {
    return key.clone();
  }

  int keyLength() {
    return key.length;
  }

  String signatureHeader() {
    return signatureHeader;
  }

  String idHeader() {
    return idHeader;
  }

  String timestampHeader() {
    return timestampHeader;
  }

  Format format() {
    return format;
  }

  int maxRecords() {
    return maxRecords;
  }

  @Override
  public String toString() {
    return "WebhookSettings[signatureHeader="
        + signatureHeader
        + ", idHeader="
        + idHeader
        + ", timestampHeader="
        + timestampHeader
        + ", format="
        + format.name
        + ", maxRecords="
        + maxRecords
        + "]";
  }
}
