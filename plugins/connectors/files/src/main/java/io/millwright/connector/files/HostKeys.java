package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * The SFTP server's host keys a connection accepts, from the Host key option: fingerprints as
 * {@code ssh-keygen -lf} prints them ({@code SHA256:...}, or {@code MD5:..} from older tools), or
 * public keys ({@code ssh-ed25519 AAAA...}, a known_hosts line too), several separated by commas or
 * line breaks. Nothing else is trusted: there is no "accept any key".
 */
final class HostKeys {

  private final List<String> sha256 = new ArrayList<>();
  private final List<String> md5 = new ArrayList<>();

  private HostKeys() {}

  /** The keys in the option's text; none for null or blank text. */
  static HostKeys parse(String text) throws ConnectorException {
    HostKeys keys = new HostKeys();
    if (text == null || text.isBlank()) {
      return keys;
    }
    for (String entry : text.split("[,\\n\\r]+")) {
      if (entry.isBlank()) {
        continue;
      }
      keys.add(entry.strip());
    }
    return keys;
  }

  private void add(String entry) throws ConnectorException {
    String[] tokens = entry.split("\\s+");
    // A fingerprint anywhere in the entry: "256 SHA256:abc... root@host (ED25519)" as ssh-keygen
    // prints it is taken as it is pasted.
    for (String t : tokens) {
      if (t.regionMatches(true, 0, "SHA256:", 0, 7) && t.length() > 7) {
        sha256.add("SHA256:" + stripPadding(t.substring(7)));
        return;
      }
      if (t.regionMatches(true, 0, "MD5:", 0, 4) && t.length() > 4) {
        md5.add("MD5:" + t.substring(4).toLowerCase(Locale.ROOT));
        return;
      }
    }
    // A public key: its type, then its base64 (a known_hosts line has the host names first).
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (tokens[i + 1].startsWith("AAAA")) {
        try {
          PublicKey key =
              PublicKeyEntry.parsePublicKeyEntry(tokens[i] + " " + tokens[i + 1])
                  .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
          sha256.add(fingerprint(key));
          return;
        } catch (Exception e) {
          throw ConnectorException.configuration(
              "Host key has a public key that cannot be read ("
                  + tokens[i]
                  + "): "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
      }
    }
    throw ConnectorException.configuration(
        "Host key must be the SFTP server's key fingerprint as ssh-keygen -lf shows it, e.g."
            + " SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU, or its public key (ssh-ed25519"
            + " AAAA...); not "
            + (entry.length() > 60 ? entry.substring(0, 60) + "..." : entry));
  }

  private static String stripPadding(String base64) {
    int end = base64.length();
    while (end > 0 && base64.charAt(end - 1) == '=') {
      end--;
    }
    return base64.substring(0, end);
  }

  /** The key's SHA-256 fingerprint as OpenSSH shows it: {@code SHA256:} and unpadded base64. */
  static String fingerprint(PublicKey key) {
    return "SHA256:"
        + stripPadding(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key).substring(7));
  }

  boolean isEmpty() {
    return sha256.isEmpty() && md5.isEmpty();
  }

  /** Whether the server's key is one of these. */
  boolean accepts(PublicKey key) {
    if (!sha256.isEmpty() && sha256.contains(fingerprint(key))) {
      return true;
    }
    if (!md5.isEmpty()) {
      String m = KeyUtils.getFingerPrint(BuiltinDigests.md5, key).toLowerCase(Locale.ROOT);
      return md5.contains("MD5:" + m.substring(4));
    }
    return false;
  }

  /** The configured fingerprints, for messages. */
  String configured() {
    List<String> all = new ArrayList<>(sha256);
    all.addAll(md5);
    return String.join(", ", all);
  }
}
