package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The console's sign-in edge, over plain HTTP (the browser journey is in e2e-tests). */
class ConsoleSignInIT {

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(Env.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void consolePagesSendStrangersToSignInAndBack() throws Exception {
    HttpResponse<String> page = get("/t/acme/audit");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow())
        .endsWith("/login?next=t/acme/audit");
  }

  @Test
  void signInUsesAuthorizationCodeWithPkceStateAndNonce() throws Exception {
    HttpResponse<String> login = get("/login");
    String location = login.headers().firstValue("Location").orElseThrow();
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(location)
        .startsWith(Env.keycloakUrl() + "/realms/millwright/protocol/" + "openid-connect/auth?")
        .contains("response_type=code")
        .contains("client_id=millwright-web")
        .contains("code_challenge_method=S256")
        .contains("code_challenge=")
        .contains("state=")
        .contains("nonce=");
  }

  @Test
  void aCallbackWithoutItsSignInIsNotTrusted() throws Exception {
    HttpResponse<String> forged = get("/oidc/callback?code=stolen&state=guess");
    assertThat(forged.statusCode()).isEqualTo(302);
    assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void theApiIsNotRedirected() throws Exception {
    HttpResponse<String> api = get("/api/admin/tenants");
    assertThat(api.statusCode()).isEqualTo(401);
  }
}
