package io.millwright.connector.webhook;

import io.millwright.plugin.api.connector.ConnectorException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme (Standard Webhooks' symmetric one): HMAC-SHA256 under the shared key over
 * {@code id + "." + timestamp + "." + body}, sent as {@code v1,<Base64 of the 32 bytes>}; a header
 * may carry several, separated by spaces, while a key is being rotated, and any one that matches is
 * enough. Signatures of other versions ({@code v1a,...}) are ignored.
 *
 * <p>No message quotes the key, the expected signature or the signatures received.
 */
final class Signature {

  static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int LENGTH = 32;

  /** More signatures than this in one header is not rotation but someone guessing. */
  static final int MAX_SIGNATURES = 16;

  private Signature() {}

  /**
   * The HMAC-SHA256 of the signed content.
   *
   * @param id the delivery id exactly as in its header
   * @param timestamp the timestamp exactly as in its header
   */
  static byte[] compute(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update(id.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Checks the signature header against the signed content.
   *
   * @param headerName for messages, as configured
   * @param header the header's value (several values joined with spaces)
   * @throws ConnectorException REJECTED when the header holds no {@code v1} signature or none
   *     matches
   */
  static void verify(
      byte[] key, String id, String timestamp, byte[] body, String headerName, String header)
      throws ConnectorException {
    String[] parts = header.strip().split("\\s+");
    if (parts.length > MAX_SIGNATURES) {
      throw ConnectorException.rejected(
          "the "
              + headerName
              + " header holds "
              + parts.length
              + " signatures; at most "
              + MAX_SIGNATURES
              + " are read");
    }
    byte[] expected = compute(key, id, timestamp, body);
    int candidates = 0;
    boolean matched = false;
    for (String part : parts) {
      int comma = part.indexOf(',');
      if (comma < 0 || !part.substring(0, comma).equals(VERSION)) {
        continue; // another scheme or version: not ours to judge
      }
      byte[] candidate;
      try {
        candidate = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (candidate.length != LENGTH) {
        continue;
      }
      candidates++;
      // Constant time, and every candidate is compared: how long this takes says nothing.
      matched |= MessageDigest.isEqual(expected, candidate);
    }
    if (candidates == 0) {
      throw ConnectorException.rejected(
          "the "
              + headerName
              + " header holds no signature of the form 'v1,<Base64 of the HMAC-SHA256>' (several"
              + " separated by spaces)");
    }
    if (!matched) {
      throw ConnectorException.rejected(
          "no signature in the "
              + headerName
              + " header matches the request: the body, the delivery id or the timestamp was"
              + " changed after signing, or the sender signs with another secret");
    }
  }
}
