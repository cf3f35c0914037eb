package io.millwright.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginSignaturesTest {

  private final KeyPair partner = keys();
  private final KeyPair stranger = keys();
  private final PluginSignatures signatures =
      new PluginSignatures(
          Optional.of(
              "partner:" + Base64.getEncoder().encodeToString(partner.getPublic().getEncoded())));
  private final byte[] archive = "the plugin's bytes".getBytes(StandardCharsets.UTF_8);

  @Test
  void anArchiveSignedByATrustedKeyIsAccepted() throws Exception {
    assertThat(signatures.verify(archive, "partner:" + sign(partner, archive)))
        .isEqualTo("partner");
  }

  @Test
  void unsignedTamperedUntrustedAndMalformedSignaturesAreRefused() throws Exception {
    assertThatThrownBy(() -> signatures.verify(archive, null)).hasMessageContaining("not signed");
    byte[] tampered = archive.clone();
    tampered[0] ^= 1;
    String good = "partner:" + sign(partner, archive);
    assertThatThrownBy(() -> signatures.verify(tampered, good))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> signatures.verify(archive, "partner:" + sign(stranger, archive)))
        .hasMessageContaining("does not match");
    assertThatThrownBy(() -> signatures.verify(archive, "stranger:" + sign(stranger, archive)))
        .hasMessageContaining("does not trust");
    assertThatThrownBy(() -> signatures.verify(archive, "partner:%%%"))
        .hasMessageContaining("not base64");
  }

  static KeyPair keys() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String sign(KeyPair keys, byte[] bytes) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(keys.getPrivate());
    s.update(bytes);
    return Base64.getEncoder().encodeToString(s.sign());
  }
}
