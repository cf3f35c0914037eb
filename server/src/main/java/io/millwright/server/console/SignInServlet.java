package io.millwright.server.console;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.millwright.console.ports.SignedInUser;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.security.BearerTokenVerifier;
import io.millwright.server.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs people in to the console with Keycloak (OpenID Connect authorization code flow with PKCE
 * S256, state and nonce, public client {@code millwright-web}) and out again. The code is exchanged
 * over the back channel; the access token is verified like any API token (signature, issuer,
 * audience, expiry) and becomes the session's signed-in user. Sign-in lasts as long as Keycloak's
 * session would ({@code refresh_expires_in}); then the next page asks to sign in again.
 */
@WebServlet(urlPatterns = {"/login", "/oidc/callback", "/logout"})
public class SignInServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(SignInServlet.class.getName());
  static final String CLIENT_ID = "millwright-web";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject PlatformSettings settings;
  @Inject BearerTokenVerifier verifier;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "no-store");
    switch (request.getServletPath()) {
      case "/login" -> startSignIn(request, response);
      case "/oidc/callback" -> finishSignIn(request, response);
      default -> signOut(request, response);
    }
  }

  private void startSignIn(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PendingSignIn pending =
        new PendingSignIn(
            random(), random(), random() + random(), safeReturn(request.getParameter("next")));
    request.getSession(true).setAttribute(ConsoleSessions.PENDING, pending);
    String url =
        realmUrl()
            + "/protocol/openid-connect/auth?response_type=code"
            + "&client_id="
            + CLIENT_ID
            + "&redirect_uri="
            + enc(callbackUrl(request))
            + "&scope="
            + enc("openid profile email")
            + "&state="
            + pending.state()
            + "&nonce="
            + pending.nonce()
            + "&code_challenge="
            + challenge(pending.codeVerifier())
            + "&code_challenge_method=S256";
    response.sendRedirect(url);
  }

  private void finishSignIn(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession(false);
    PendingSignIn pending =
        session == null ? null : (PendingSignIn) session.getAttribute(ConsoleSessions.PENDING);
    String code = request.getParameter("code");
    if (pending == null || code == null || !pending.state().equals(request.getParameter("state"))) {
      // A stale, replayed or forged callback: start over rather than trust it.
      response.sendRedirect(request.getContextPath() + "/login");
      return;
    }
    session.removeAttribute(ConsoleSessions.PENDING);
    try {
      JsonObject tokens = exchange(code, pending.codeVerifier(), callbackUrl(request));
      Caller caller = verifier.verify(tokens.getString("access_token"));
      JWTClaimsSet id = SignedJWT.parse(tokens.getString("id_token")).getJWTClaimsSet();
      if (!pending.nonce().equals(id.getStringClaim("nonce"))
          || !caller.subject().equals(id.getSubject())) {
        throw new IllegalStateException("ID token does not match this sign-in");
      }
      // A fresh session: the pre-sign-in session id must not carry over (session fixation).
      session.invalidate();
      HttpSession fresh = request.getSession(true);
      fresh.setAttribute(
          SignedInUser.SESSION_ATTRIBUTE,
          new SignedInUser(
              caller.subject(), caller.displayName(), caller.email(), caller.isPlatformAdmin()));
      fresh.setAttribute(
          ConsoleSessions.UNTIL,
          Instant.now().plusSeconds(tokens.getInt("refresh_expires_in", 1800)));
      fresh.setAttribute(ConsoleSessions.ID_TOKEN, tokens.getString("id_token"));
      response.sendRedirect(request.getContextPath() + "/" + pending.returnTo());
    } catch (BearerTokenVerifier.InvalidTokenException | ParseException | IllegalStateException e) {
      LOG.log(Level.WARNING, "Console sign-in refused", e);
      response.sendError(
          HttpServletResponse.SC_FORBIDDEN,
          "Sign-in could not be completed. Close this tab and sign in again.");
    }
  }

  private void signOut(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession session = request.getSession(false);
    String idToken = null;
    if (session != null) {
      idToken = (String) session.getAttribute(ConsoleSessions.ID_TOKEN);
      session.invalidate();
    }
    String back = baseUrl(request) + "/";
    String url =
        realmUrl()
            + "/protocol/openid-connect/logout?client_id="
            + CLIENT_ID
            + "&post_logout_redirect_uri="
            + enc(back)
            + (idToken == null ? "" : "&id_token_hint=" + enc(idToken));
    response.sendRedirect(url);
  }

  private JsonObject exchange(String code, String verifier, String redirectUri) throws IOException {
    String form =
        "grant_type=authorization_code&client_id="
            + CLIENT_ID
            + "&code="
            + enc(code)
            + "&redirect_uri="
            + enc(redirectUri)
            + "&code_verifier="
            + enc(verifier);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
            .timeout(settings.keycloakTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("token endpoint answered " + answer.statusCode());
      }
      return Json.createReader(new StringReader(answer.body())).readObject();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private String realmUrl() {
    return settings.keycloakBaseUrl() + "/realms/" + settings.realm();
  }

  private static String callbackUrl(HttpServletRequest request) {
    return baseUrl(request) + "/oidc/callback";
  }

  private static String baseUrl(HttpServletRequest request) {
    return request.getScheme()
        + "://"
        + request.getServerName()
        + ":"
        + request.getServerPort()
        + request.getContextPath();
  }

  /** Only console paths: never an absolute URL that would make us an open redirect. */
  static String safeReturn(String next) {
    if (next == null
        || !next.matches("[A-Za-z0-9/_.-]{0,200}")
        || next.startsWith("/")
        || next.contains("..")) {
      return "";
    }
    return next;
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
