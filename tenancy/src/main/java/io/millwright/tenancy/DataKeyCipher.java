package io.millwright.tenancy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of per-tenant data keys under the platform master key (AES-256-GCM).
 *
 * <p>Each tenant gets a random 256-bit data key; only its wrapped form is stored. The tenant id is
 * bound as associated data, so a wrapped key copied onto another tenant's row does not unwrap.
 * Destroying the wrapped key (crypto-shredding) makes everything encrypted under it unrecoverable.
 * Thread-safe: every call builds its own {@link Cipher}.
 */
public final class DataKeyCipher {

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte FORMAT_V1 = 1;

  private final SecretKey masterKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param masterKey 32 bytes of key material
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public DataKeyCipher(byte[] masterKey) {
    if (masterKey == null || masterKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("the master key must be exactly 32 bytes");
    }
    this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
  }

  /** Makes a fresh data key for a tenant and returns it wrapped, ready to store. */
  public byte[] newWrappedDataKey(TenantId tenant) {
    byte[] dataKey = new byte[KEY_BYTES];
    random.nextBytes(dataKey);
    try {
      return wrap(tenant, dataKey);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  byte[] wrap(TenantId tenant, byte[] dataKey) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(tenant));
      byte[] sealed = cipher.doFinal(dataKey);
      return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
          .put(FORMAT_V1)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Recovers a tenant's data key.
   *
   * @throws IllegalArgumentException if the wrapped key is malformed, was made under another master
   *     key, or belongs to another tenant
   */
  public SecretKey unwrap(TenantId tenant, byte[] wrapped) {
    if (wrapped == null
        || wrapped.length < 1 + NONCE_BYTES + KEY_BYTES
        || wrapped[0] != FORMAT_V1) {
      throw new IllegalArgumentException("not a wrapped data key of a known format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, wrapped, 1, NONCE_BYTES));
      cipher.updateAAD(associatedData(tenant));
      byte[] dataKey = cipher.doFinal(wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
      return new SecretKeySpec(dataKey, "AES");
    } catch (javax.crypto.AEADBadTagException e) {
      throw new IllegalArgumentException(
          "the wrapped data key does not open with this master key for this tenant", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  private static byte[] associatedData(TenantId tenant) {
    return ("millwright-tenant-data-key:" + tenant).getBytes(StandardCharsets.UTF_8);
  }
}
