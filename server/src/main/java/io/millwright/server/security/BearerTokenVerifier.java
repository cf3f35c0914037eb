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
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /**
   * Tokens already verified, until they expire: a client sends the same token many times, and the
   * signature check is the costliest step of a request. Only ever holds tokens that passed every
   * check; an entry is dropped at the token's expiry (the skew is not extended).
   */
  private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();

  private static final int MAX_CACHED_TOKENS = 10_000;

  private record VerifiedToken(Caller caller, Instant expires) {}

  /** Verifies a compact JWT and returns the caller it proves. */
  public Caller verify(String token) throws InvalidTokenException {
    VerifiedToken known = verified.get(token);
    Instant now = Instant.now();
    if (known != null) {
      if (now.isBefore(known.expires())) {
        return known.caller();
      }
      verified.remove(token);
    }
    return verifyAfresh(token);
  }

  private Caller verifyAfresh(String token) throws InvalidTokenException {
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
    Caller caller = toCaller(claims);
    remember(token, caller, claims.getExpirationTime().toInstant());
    return caller;
  }

  private void remember(String token, Caller caller, Instant expires) {
    if (verified.size() >= MAX_CACHED_TOKENS) {
      Instant now = Instant.now();
      verified.values().removeIf(v -> !now.isBefore(v.expires()));
      if (verified.size() >= MAX_CACHED_TOKENS) {
        verified.clear();
      }
    }
    verified.put(token, new VerifiedToken(caller, expires));
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
