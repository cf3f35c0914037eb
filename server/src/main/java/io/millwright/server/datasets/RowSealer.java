package io.millwright.server.datasets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals quarantined rows (and connections' secrets) with the tenant's data key (AES-256-GCM, random
 * nonce), bound to the dataset as associated data: a quarantined row is still the tenant's data and
 * must be as unreadable without the key, and as gone after crypto-shredding, as the dataset's
 * files.
 */
public final class RowSealer {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE = 12;

  private final SecretKeySpec key;
  private final byte[] aad;

  /**
   * @param boundTo what the sealed text belongs to (a dataset, a connection): sealed text opens
   *     only with the same id, so a row cannot be moved to another owner's record
   */
  public RowSealer(byte[] dataKey, UUID boundTo) {
    this.key = new SecretKeySpec(dataKey, "AES");
    this.aad = boundTo.toString().getBytes(StandardCharsets.UTF_8);
  }

  public byte[] seal(String text) {
    try {
      byte[] nonce = new byte[NONCE];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a quarantined row", e);
    }
  }

  public String open(byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
      cipher.updateAAD(aad);
      return new String(
          cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a quarantined row does not open with this key", e);
    }
  }
}
