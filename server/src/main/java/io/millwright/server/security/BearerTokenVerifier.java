package io.millwright.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.millwright.server.platform.config.PlatformSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Verifies Keycloak access tokens: RS256/ES256 signature against the realm's published keys
 * (cached, refreshed on an unknown key id), exact issuer, our audience, expiry and not-before with
 * the configured clock skew ({@code millwright.jwt.clock-skew}, one minute by default). Unsigned
 * ({@code alg: none}) and HMAC tokens are refused outright. Thread-safe.
 */
@ApplicationScoped
public class BearerTokenVerifier {

  /** A token that did not pass; the message is safe to show the caller. */
  public static class InvalidTokenException extends Exception {
    public InvalidTokenException(String message) {
      super(message, null, false, false);
    }
  }

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(BearerTokenVerifier.class.getName());

  @Inject PlatformSettings settings;

  private DefaultJWTProcessor<SecurityContext> processor;

  @PostConstruct
  void init() {
    try {
      int timeoutMs = (int) settings.keycloakTimeout().toMillis();
      JWKSource<SecurityContext> keys =
          JWKSourceBuilder.create(
                  URI.create(settings.jwksUrl()).toURL(),
                  new DefaultResourceRetriever(timeoutMs, timeoutMs, 512 * 1024))
              .retrying(true)
              .build();
      processor = new DefaultJWTProcessor<>();
      processor.setJWSKeySelector(
          new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
      DefaultJWTClaimsVerifier<SecurityContext> claims =
          new DefaultJWTClaimsVerifier<>(
              settings.audience(),
              new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
              Set.of("sub", "exp", "iat"));
      claims.setMaxClockSkew((int) settings.jwtClockSkew().toSeconds());
      processor.setJWTClaimsSetVerifier(claims);
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad JWKS URL " + settings.jwksUrl(), e);
    }
  }

  /** Verifies a compact JWT and returns the caller it proves. */
  public Caller verify(String token) throws InvalidTokenException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("The bearer token is not a well-formed JWT.");
    } catch (BadJOSEException e) {
      LOG.fine(() -> "token refused: " + e.getMessage());
      throw new InvalidTokenException("The bearer token was refused: " + reason(e));
    } catch (JOSEException e) {
      throw new InvalidTokenException(
          "The bearer token could not be verified (signing keys unavailable).");
    }
    return toCaller(claims);
  }

  private static String reason(BadJOSEException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("expired")) {
      return "it has expired.";
    }
    if (message.contains("aud")) { // "missing required aud claim", "audience rejected"
      return "it was not issued for this API.";
    }
    if (message.contains("iss claim") || message.contains("issuer")) {
      return "it was issued by another issuer.";
    }
    if (message.contains("plain") || message.contains("unsecured")) {
      return "unsigned tokens are not accepted.";
    }
    return "its signature or claims are not valid.";
  }

  private static Caller toCaller(JWTClaimsSet claims) {
    Set<String> roles = new HashSet<>();
    Object realmAccess = claims.getClaim("realm_access");
    if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> list) {
      list.forEach(role -> roles.add(String.valueOf(role)));
    }
    Set<String> organizations = new HashSet<>();
    Object org = claims.getClaim("organization");
    if (org instanceof Map<?, ?> map) {
      map.keySet().forEach(alias -> organizations.add(String.valueOf(alias)));
    } else if (org instanceof List<?> list) {
      list.forEach(alias -> organizations.add(String.valueOf(alias)));
    }
    return new Caller(
        claims.getSubject(),
        stringClaim(claims, "preferred_username"),
        stringClaim(claims, "email"),
        Set.copyOf(roles),
        Set.copyOf(organizations));
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }
}
