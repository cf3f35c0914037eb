package io.millwright.server.tenants.keycloak;

import io.millwright.server.platform.config.PlatformSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Organizations, users and memberships in the platform realm, through Keycloak's admin REST API
 * with the {@code millwright-server} service account. Thread-safe. Every call is bounded by {@code
 * millwright.keycloak.timeout}; a timeout, connection failure or 5xx becomes {@link
 * KeycloakUnavailableException} so callers can compensate.
 */
@ApplicationScoped
public class KeycloakDirectory {

  /** A Keycloak user as provisioning needs it. */
  public record KeycloakUser(String id, String email, Instant createdAt) {}

  /** The result of making sure a person has an account. */
  public record Account(String userId, boolean created, String temporaryPassword) {}

  private static final String PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!";

  @Inject PlatformSettings settings;

  private HttpClient http;
  private final SecureRandom random = new SecureRandom();
  private volatile String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  @PostConstruct
  void init() {
    http = HttpClient.newBuilder().connectTimeout(settings.keycloakTimeout()).build();
  }

  /** Creates the tenant's organization; its alias is the slug. Returns its id. */
  public String createOrganization(String alias, String name) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("name", alias)
            .add("alias", alias)
            .add("enabled", true)
            .add("description", name)
            .add(
                "domains",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("name", alias + ".tenants.millwright.local")
                            .add("verified", false)))
            .build();
    HttpResponse<String> response = send(admin("organizations").POST(json(body)));
    if (response.statusCode() == 409) {
      // Left over from an interrupted attempt: reuse it, it carries no members yet.
      return findOrganizationId(alias)
          .orElseThrow(() -> unexpected("create organization", response));
    }
    expect(response, 201, "create organization");
    return idFromLocation(response);
  }

  public Optional<String> findOrganizationId(String alias) {
    HttpResponse<String> response =
        send(admin("organizations?exact=true&search=" + encode(alias)).GET());
    expect(response, 200, "search organizations");
    for (JsonValue value : array(response.body())) {
      JsonObject org = value.asJsonObject();
      if (alias.equals(org.getString("alias", null)) || alias.equals(org.getString("name", null))) {
        return Optional.of(org.getString("id"));
      }
    }
    return Optional.empty();
  }

  public void deleteOrganization(String organizationId) {
    HttpResponse<String> response = send(admin("organizations/" + organizationId).DELETE());
    if (response.statusCode() != 404) {
      expect(response, 204, "delete organization");
    }
  }

  public Optional<KeycloakUser> findUserByEmail(String email) {
    HttpResponse<String> response = send(admin("users?exact=true&email=" + encode(email)).GET());
    expect(response, 200, "search users");
    for (JsonValue value : array(response.body())) {
      JsonObject user = value.asJsonObject();
      if (email.equalsIgnoreCase(user.getString("email", ""))) {
        long created =
            user.containsKey("createdTimestamp")
                ? user.getJsonNumber("createdTimestamp").longValue()
                : 0L;
        return Optional.of(
            new KeycloakUser(
                user.getString("id"), user.getString("email"), Instant.ofEpochMilli(created)));
      }
    }
    return Optional.empty();
  }

  /**
   * Finds the person's account, or creates one with a temporary password they must change at first
   * sign-in.
   */
  public Account ensureAccount(String email) {
    Optional<KeycloakUser> existing = findUserByEmail(email);
    if (existing.isPresent()) {
      return new Account(existing.get().id(), false, null);
    }
    String password = temporaryPassword();
    String localPart = email.substring(0, email.indexOf('@'));
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", email.toLowerCase())
            .add("email", email.toLowerCase())
            .add("emailVerified", true)
            .add("enabled", true)
            .add("firstName", localPart)
            .add("lastName", "Millwright")
            .add("requiredActions", Json.createArrayBuilder().add("UPDATE_PASSWORD"))
            .add(
                "credentials",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("type", "password")
                            .add("value", password)
                            .add("temporary", true)))
            .build();
    HttpResponse<String> response = send(admin("users").POST(json(body)));
    if (response.statusCode() == 409) {
      return findUserByEmail(email)
          .map(u -> new Account(u.id(), false, null))
          .orElseThrow(() -> unexpected("create user", response));
    }
    expect(response, 201, "create user");
    return new Account(idFromLocation(response), true, password);
  }

  public void deleteUser(String userId) {
    HttpResponse<String> response = send(admin("users/" + userId).DELETE());
    if (response.statusCode() != 404) {
      expect(response, 204, "delete user");
    }
  }

  public void addMember(String organizationId, String userId) {
    HttpResponse<String> response =
        send(
            admin("organizations/" + organizationId + "/members")
                .POST(HttpRequest.BodyPublishers.ofString("\"" + userId + "\"")));
    if (response.statusCode() != 409) {
      expect(response, 201, "add organization member");
    }
  }

  public void removeMember(String organizationId, String userId) {
    HttpResponse<String> response =
        send(admin("organizations/" + organizationId + "/members/" + userId).DELETE());
    if (response.statusCode() != 404) {
      expect(response, 204, "remove organization member");
    }
  }

  /** The aliases (tenant slugs) of the organizations the user belongs to. */
  public List<String> organizationAliasesOf(String userId) {
    HttpResponse<String> response =
        send(admin("organizations/members/" + userId + "/organizations").GET());
    if (response.statusCode() == 404) {
      return List.of();
    }
    expect(response, 200, "list a user's organizations");
    return array(response.body()).stream()
        .map(v -> v.asJsonObject().getString("alias", null))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  /** How many organizations the user belongs to (0 for an orphan left by an interruption). */
  public int organizationCount(String userId) {
    HttpResponse<String> response =
        send(admin("organizations/members/" + userId + "/organizations").GET());
    if (response.statusCode() == 404) {
      return 0;
    }
    expect(response, 200, "list a user's organizations");
    return array(response.body()).size();
  }

  /** True when the realm answers; used by the readiness check. */
  public boolean realmAnswers() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      settings.keycloakBaseUrl()
                          + "/realms/"
                          + settings.realm()
                          + "/.well-known/openid-configuration"))
              .timeout(settings.keycloakTimeout())
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String temporaryPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private HttpRequest.Builder admin(String path) {
    return HttpRequest.newBuilder(
            URI.create(
                settings.keycloakBaseUrl() + "/admin/realms/" + settings.realm() + "/" + path))
        .timeout(settings.keycloakTimeout())
        .header("Authorization", "Bearer " + serviceToken())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
  }

  private String serviceToken() {
    if (token != null && Instant.now().isBefore(tokenExpires)) {
      return token;
    }
    synchronized (this) {
      if (token != null && Instant.now().isBefore(tokenExpires)) {
        return token;
      }
      String form =
          "grant_type=client_credentials&client_id="
              + encode(settings.clientId())
              + "&client_secret="
              + encode(settings.clientSecret());
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      settings.keycloakBaseUrl()
                          + "/realms/"
                          + settings.realm()
                          + "/protocol/openid-connect/token"))
              .timeout(settings.keycloakTimeout())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form))
              .build();
      HttpResponse<String> response = sendRaw(request);
      expect(response, 200, "obtain a service-account token");
      JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
      token = body.getString("access_token");
      tokenExpires = Instant.now().plusSeconds(Math.max(5, body.getInt("expires_in", 60) - 30));
      return token;
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return sendRaw(request.build());
  }

  private HttpResponse<String> sendRaw(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 500) {
        throw new KeycloakUnavailableException(
            "Keycloak answered "
                + response.statusCode()
                + " to "
                + request.method()
                + " "
                + request.uri().getPath(),
            null);
      }
      if (response.statusCode() == 401) {
        token = null; // expired or revoked: fetch a new one next time
      }
      return response;
    } catch (IOException e) {
      throw new KeycloakUnavailableException(
          "Keycloak did not answer " + request.method() + " " + request.uri().getPath() + ": " + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeycloakUnavailableException("interrupted while calling Keycloak", e);
    }
  }

  private static HttpRequest.BodyPublisher json(JsonObject body) {
    return HttpRequest.BodyPublishers.ofString(body.toString());
  }

  private static void expect(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw unexpected(what, response);
    }
  }

  private static IllegalStateException unexpected(String what, HttpResponse<String> response) {
    return new IllegalStateException(
        "Keycloak refused to "
            + what
            + ": HTTP "
            + response.statusCode()
            + " "
            + abbreviate(response.body()));
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static JsonArray array(String body) {
    return Json.createReader(new StringReader(body)).readArray();
  }

  private static String idFromLocation(HttpResponse<String> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () -> new IllegalStateException("Keycloak gave no Location for a creation"));
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
