package io.millwright.server.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real Keycloak the platform uses: tokens for test users, and a few admin calls. */
final class Keycloak {

  static final String REALM = "millwright";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Keycloak() {}

  /** A token of the platform admin created by ops/millwright. */
  static String platformAdminToken() {
    return passwordToken("millwright-cli", "admin", Env.fromFile("MILLWRIGHT_ADMIN_PASSWORD_FILE"));
  }

  static String passwordToken(String client, String user, String password) {
    HttpResponse<String> r =
        form(
            Env.keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token",
            "grant_type=password&client_id="
                + enc(client)
                + "&username="
                + enc(user)
                + "&password="
                + enc(password)
                + "&scope=openid");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("token for " + user + " refused: " + r.body());
    }
    return Json.object(r.body()).getString("access_token");
  }

  /** Makes a user's password permanent so tests can sign them in with the password grant. */
  static void setPassword(String userId, String password) {
    String admin = serviceToken();
    send(
        "PUT",
        "/admin/realms/" + REALM + "/users/" + userId + "/reset-password",
        admin,
        "{\"type\":\"password\",\"temporary\":false,\"value\":" + Json.quote(password) + "}");
    send("PUT", "/admin/realms/" + REALM + "/users/" + userId, admin, "{\"requiredActions\":[]}");
  }

  static boolean organizationExists(String alias) {
    HttpResponse<String> r =
        send(
            "GET",
            "/admin/realms/" + REALM + "/organizations?exact=true" + "&search=" + enc(alias),
            serviceToken(),
            null);
    return Json.array(r.body()).stream()
        .anyMatch(o -> alias.equals(o.asJsonObject().getString("alias", "")));
  }

  static boolean userExists(String email) {
    HttpResponse<String> r =
        send(
            "GET",
            "/admin/realms/" + REALM + "/users?exact=true&email=" + enc(email),
            serviceToken(),
            null);
    return !Json.array(r.body()).isEmpty();
  }

  /** A token from the master realm: a real Keycloak token, from another issuer. */
  static String masterRealmToken() {
    HttpResponse<String> r =
        form(
            Env.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
            "grant_type=password&client_id=admin-cli"
                + "&username=kcadmin&password="
                + enc(Env.fromFile("MILLWRIGHT_KEYCLOAK_BOOTSTRAP_PASSWORD_FILE")));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("master token refused: " + r.body());
    }
    return Json.object(r.body()).getString("access_token");
  }

  /**
   * A client in the platform realm whose tokens live three seconds, so a test can watch a genuine
   * Keycloak token expire. Created once through the master realm's admin.
   */
  static void ensureShortLivedClient(String clientId) {
    String master = masterRealmToken();
    HttpResponse<String> found =
        send("GET", "/admin/realms/" + REALM + "/clients?clientId=" + enc(clientId), master, null);
    JsonArray existing = Json.array(found.body());
    if (!existing.isEmpty()) {
      return;
    }
    String client =
        "{\"clientId\":"
            + Json.quote(clientId)
            + ",\"publicClient\":true,"
            + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
            + "\"attributes\":{\"access.token.lifespan\":\"3\"},"
            + "\"protocolMappers\":[{\"name\":\"api-audience\",\"protocol\":\"openid-connect\","
            + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
            + "\"included.client.audience\":\"millwright-api\",\"access.token.claim\":\"true\","
            + "\"id.token.claim\":\"false\"}}]}";
    HttpResponse<String> created =
        send("POST", "/admin/realms/" + REALM + "/clients", master, client);
    if (created.statusCode() != 201 && created.statusCode() != 409) {
      throw new IllegalStateException("cannot create " + clientId + ": " + created.body());
    }
  }

  /**
   * The Keycloak part of provisioning done directly (organization, user with a temporary password,
   * membership), as the baseline the provisioning benchmark compares against.
   */
  static void directProvisioning(String alias) {
    String admin = serviceToken();
    HttpResponse<String> org =
        send(
            "POST",
            "/admin/realms/" + REALM + "/organizations",
            admin,
            "{\"name\":"
                + Json.quote(alias)
                + ",\"alias\":"
                + Json.quote(alias)
                + ",\"enabled\":true,\"domains\":[{\"name\":"
                + Json.quote(alias + ".baseline.millwright.local")
                + "}]}");
    String email = "admin@" + alias + ".example.com";
    HttpResponse<String> user =
        send(
            "POST",
            "/admin/realms/" + REALM + "/users",
            admin,
            "{\"username\":"
                + Json.quote(email)
                + ",\"email\":"
                + Json.quote(email)
                + ",\"enabled\":true,\"firstName\":\"a\",\"lastName\":\"b\","
                + "\"requiredActions\":[\"UPDATE_PASSWORD\"],\"credentials\":[{\"type\":"
                + "\"password\",\"value\":\"Temp-0123456789\",\"temporary\":true}]}");
    if (org.statusCode() != 201 || user.statusCode() != 201) {
      throw new IllegalStateException("baseline provisioning failed: " + org.body() + user.body());
    }
    String orgId = lastSegment(org.headers().firstValue("Location").orElseThrow());
    String userId = lastSegment(user.headers().firstValue("Location").orElseThrow());
    send(
        "POST",
        "/admin/realms/" + REALM + "/organizations/" + orgId + "/members",
        admin,
        Json.quote(userId));
  }

  private static String lastSegment(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Freezes Keycloak (SIGSTOP): it accepts connections but answers nothing. */
  static void freeze() {
    signal("STOP");
  }

  static void thaw() {
    signal("CONT");
  }

  private static void signal(String signal) {
    try {
      long pid =
          Long.parseLong(
              Files.readString(Path.of(Env.require("MILLWRIGHT_KEYCLOAK_PID_FILE"))).trim());
      List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
      ProcessHandle.of(pid)
          .ifPresent(p -> p.descendants().forEach(d -> command.add(Long.toString(d.pid()))));
      Process kill = new ProcessBuilder(command).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String serviceToken() {
    HttpResponse<String> r =
        form(
            Env.keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token",
            "grant_type=client_credentials&client_id="
                + enc(Env.get("MILLWRIGHT_KEYCLOAK_CLIENT_ID", "millwright-server"))
                + "&client_secret="
                + enc(Env.require("MILLWRIGHT_KEYCLOAK_CLIENT_SECRET")));
    JsonObject body = Json.object(r.body());
    return body.getString("access_token");
  }

  private static HttpResponse<String> form(String url, String form) {
    return call(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private static HttpResponse<String> send(String method, String path, String token, String json) {
    return call(
        HttpRequest.newBuilder(URI.create(Env.keycloakUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private static HttpResponse<String> call(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
