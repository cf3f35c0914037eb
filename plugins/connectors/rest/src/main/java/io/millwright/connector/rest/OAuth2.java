package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.ConnectorException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OAuth 2.0 client credentials (RFC 6749 4.4): fetches an access token from the token endpoint,
 * keeps it until shortly before it expires, and fetches a new one when the API refuses it.
 *
 * <p>The client authenticates with HTTP Basic, which every token endpoint must accept (RFC 6749
 * 2.3.1); an endpoint that refuses that with 400/401 is asked once more with the credentials in the
 * form body, and that way is kept from then on.
 */
final class OAuth2 {

  /** Renew this long before expiry, at most: a token must not run out between check and use. */
  private static final Duration MAX_SKEW = Duration.ofSeconds(30);

  private final RestSettings settings;
  private final Http http;
  private String token;
  private Instant renewAt;
  private boolean credentialsInForm;
  private int fetched;

  OAuth2(RestSettings settings, Http http) {
    this.settings = settings;
    this.http = http;
  }

  /** A token that has not expired, from the cache or fetched now. */
  synchronized String token() throws ConnectorException {
    if (token != null && (renewAt == null || http.clock.instant().isBefore(renewAt))) {
      return token;
    }
    token = null;
    return fetch();
  }

  /** The API refused this token: the next {@link #token} call fetches a new one. */
  synchronized void invalidate(String refused) {
    if (refused != null && refused.equals(token)) {
      token = null;
    }
  }

  /** The token in use, to scrub from messages. */
  synchronized List<String> tokens() {
    return token == null ? List.of() : List.of(token);
  }

  /** How many tokens were fetched, for the check's summary and for tests. */
  synchronized int fetched() {
    return fetched;
  }

  private String fetch() throws ConnectorException {
    String what = "POST " + Redact.uri(settings.tokenUrl()) + " (OAuth2 token)";
    Http.Response r = http.exchange(what, () -> request(credentialsInForm));
    if (!credentialsInForm && (r.status() == 401 || r.status() == 400 && invalidClient(r))) {
      Http.Response inForm = http.exchange(what, () -> request(true));
      if (inForm.ok()) {
        credentialsInForm = true;
        r = inForm;
      }
    }
    if (!r.ok()) {
      throw refused(what, r);
    }
    Object body;
    try {
      body = Json.parse(new String(r.body(), StandardCharsets.UTF_8));
    } catch (Json.ParseException e) {
      throw ConnectorException.configuration(
          what + ": the answer is not JSON (" + e.getMessage() + "); check the token URL");
    }
    if (!(body instanceof Map<?, ?> map)
        || !(map.get("access_token") instanceof String t)
        || t.isBlank()) {
      throw ConnectorException.configuration(
          what + ": the answer has no access_token; check the token URL");
    }
    Object type = map.get("token_type");
    if (type instanceof String s && !s.equalsIgnoreCase("bearer")) {
      throw ConnectorException.configuration(
          what + ": the token type is " + s + "; only Bearer tokens are supported");
    }
    Duration lifetime = seconds(map.get("expires_in"));
    token = t;
    fetched++;
    if (lifetime == null) {
      renewAt = null; // kept until the API refuses it
    } else {
      Duration skew = lifetime.dividedBy(10);
      if (skew.compareTo(MAX_SKEW) > 0) {
        skew = MAX_SKEW;
      }
      renewAt = http.clock.instant().plus(lifetime).minus(skew);
    }
    return token;
  }

  private HttpRequest request(boolean inForm) {
    StringBuilder form = new StringBuilder("grant_type=client_credentials");
    if (settings.scope() != null) {
      form.append("&scope=").append(encode(settings.scope()));
    }
    HttpRequest.Builder b =
        http.plainRequest(settings.tokenUrl())
            .header("Content-Type", "application/x-www-form-urlencoded");
    if (inForm) {
      form.append("&client_id=").append(encode(settings.clientId()));
      form.append("&client_secret=").append(encode(settings.clientSecret()));
    } else {
      String pair = encode(settings.clientId()) + ":" + encode(settings.clientSecret());
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return b.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
  }

  private ConnectorException refused(String what, Http.Response r) {
    String error = oauthError(r);
    String base = what + ": HTTP " + r.status() + Http.statusText(r.status());
    if (r.status() == 400 || r.status() == 401 || r.status() == 403) {
      return ConnectorException.configuration(
          base
              + ": the token endpoint refused the client"
              + (error == null ? http.detail(r) : " (" + error + ")")
              + "; check the client id, the client secret and the scope");
    }
    if (r.status() == 404) {
      return ConnectorException.configuration(base + ": check the token URL");
    }
    return http.refused(what, r, false);
  }

  /** "invalid_client: Client authentication failed", from an RFC 6749 5.2 error body. */
  private String oauthError(Http.Response r) {
    try {
      Object body = Json.parse(new String(r.body(), StandardCharsets.UTF_8));
      if (body instanceof Map<?, ?> map && map.get("error") instanceof String e) {
        String d = map.get("error_description") instanceof String s ? ": " + s : "";
        return Redact.scrub(Redact.snippetOf(e + d), http.secrets());
      }
    } catch (Json.ParseException e) {
      return null;
    }
    return null;
  }

  private boolean invalidClient(Http.Response r) {
    String e = oauthError(r);
    return e != null && e.toLowerCase(Locale.ROOT).startsWith("invalid_client");
  }

  private static Duration seconds(Object v) {
    try {
      BigDecimal s =
          v instanceof Number n
              ? new BigDecimal(n.toString())
              : v instanceof String t ? new BigDecimal(t.strip()) : null;
      if (s == null || s.signum() <= 0) {
        return null;
      }
      return Duration.ofMillis(s.movePointRight(3).longValue());
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  /** application/x-www-form-urlencoded, as RFC 6749 2.3.1 asks for Basic and form alike. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
