package io.millwright.server.plugins;

import io.millwright.server.platform.config.MisconfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies that an uploaded plugin archive was signed by a key the platform trusts, before any of
 * it is unpacked or loaded. Signatures are Ed25519 over the archive's bytes, made with any tool
 * (docs/plugin-guide.md uses {@code openssl pkeyutl -sign -rawin}); the upload carries them as
 * {@code Millwright-Plugin-Signature: <key id>:<base64 signature>}.
 */
@ApplicationScoped
public class PluginSignatures {

  public static final String HEADER = "Millwright-Plugin-Signature";
  public static final String TRUSTED_KEYS = "millwright.plugins.trusted-keys";

  private final Map<String, PublicKey> trusted = new LinkedHashMap<>();

  PluginSignatures() {}

  /**
   * @param keys comma-separated {@code <key id>:<base64 of the X.509 SubjectPublicKeyInfo>}
   *     entries, e.g. the output of {@code openssl pkey -pubout -outform DER | base64 -w0}
   */
  @Inject
  public PluginSignatures(@ConfigProperty(name = TRUSTED_KEYS) Optional<String> keys) {
    keys.ifPresent(this::parse);
  }

  private void parse(String keys) {
    for (String entry : keys.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int colon = e.indexOf(':');
      if (colon < 1) {
        throw new MisconfigurationException(
            TRUSTED_KEYS, "entry '" + e + "' must be <key id>:<base64 public key>");
      }
      String id = e.substring(0, colon);
      try {
        byte[] der = Base64.getDecoder().decode(e.substring(colon + 1));
        trusted.put(
            id, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
      } catch (IllegalArgumentException | GeneralSecurityException ex) {
        throw new MisconfigurationException(
            TRUSTED_KEYS, "key '" + id + "' is not a base64 Ed25519 public key (X.509 DER)");
      }
    }
  }

  /**
   * @return the id of the trusted key that signed the archive
   * @throws PluginRefusedException when the signature is missing, from an unknown key, or does not
   *     match the bytes (tampered, or signed with another key)
   */
  public String verify(byte[] archive, String header) {
    if (header == null || header.isBlank()) {
      throw new PluginRefusedException(
          "the plugin is not signed: send the archive's Ed25519 signature in the "
              + HEADER
              + " header as <key id>:<base64 signature>");
    }
    int colon = header.indexOf(':');
    if (colon < 1) {
      throw new PluginRefusedException(HEADER + " must be <key id>:<base64 signature>");
    }
    String keyId = header.substring(0, colon).strip();
    PublicKey key = trusted.get(keyId);
    if (key == null) {
      throw new PluginRefusedException(
          "the plugin is signed with key '"
              + keyId
              + "', which this platform does not trust (setting "
              + TRUSTED_KEYS
              + ")");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(header.substring(colon + 1).strip());
    } catch (IllegalArgumentException e) {
      throw new PluginRefusedException("the signature in " + HEADER + " is not base64");
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(archive);
      if (verifier.verify(signature)) {
        return keyId;
      }
    } catch (GeneralSecurityException e) {
      // A malformed signature is as untrusted as a wrong one.
    }
    throw new PluginRefusedException(
        "the signature does not match the archive: it was changed after signing, or signed with"
            + " another key than '"
            + keyId
            + "'");
  }

  public java.util.Set<String> trustedKeyIds() {
    return java.util.Set.copyOf(trusted.keySet());
  }
}
