import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Checks the RS256 signature of a JWT against an RSA key given as JWK n and e (base64url).
 *
 * <p>Usage: {@code java ops/keycloak/VerifyRs256.java <jwt> <n> <e>}; exit 0 when the signature
 * holds. Used by ops/keycloak/verify.sh (JDK only, no dependencies).
 */
public class VerifyRs256 {
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: VerifyRs256 <jwt> <n> <e>");
      System.exit(2);
    }
    Base64.Decoder b64 = Base64.getUrlDecoder();
    String[] parts = args[0].split("\\.");
    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, b64.decode(args[1])), new BigInteger(1, b64.decode(args[2]))));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initVerify(key);
    signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!signature.verify(b64.decode(parts[2]))) {
      System.err.println("RS256 signature does NOT verify");
      System.exit(1);
    }
    System.out.println("RS256 signature OK");
  }
}
