package io.millwright.connector.rest;

import static io.millwright.connector.rest.TestSupport.CONNECTOR;
import static io.millwright.connector.rest.TestSupport.context;
import static io.millwright.connector.rest.TestSupport.drain;
import static io.millwright.connector.rest.TestSupport.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.ConnectorException.Kind;
import io.millwright.plugin.api.connector.PollingSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each kind of authentication against an API that requires it, right and wrong. */
class AuthTest {

  private final FakeApi api;

  AuthTest() throws Exception {
    api = new FakeApi();
    api.add(7);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Map<String, String> paged(String... more) {
    Map<String, String> c = new HashMap<>();
    c.put("url", api.uri("/page").toString());
    c.put("recordsPath", "/data");
    c.put("pagination", "page");
    c.put("pageSize", "3");
    c.put("maxRetries", "1");
    for (int i = 0; i < more.length; i += 2) {
      c.put(more[i], more[i + 1]);
    }
    return c;
  }

  private List<Long> readAll(Map<String, String> config) throws Exception {
    try (PollingSource source = CONNECTOR.openPolling(context(config))) {
      return drain(source, null, 100).ids();
    }
  }

  private ConnectorException pollFails(Map<String, String> config) throws Exception {
    try (PollingSource source = CONNECTOR.openPolling(context(config))) {
      return catchThrowableOfType(ConnectorException.class, () -> source.poll(null, 10));
    }
  }

  @Test
  void anApiKeyGoesInTheDefaultHeaderOrTheOneConfigured() throws Exception {
    api.auth = FakeApi.Auth.API_KEY;
    assertThat(readAll(paged("auth", "api-key", "apiKey", FakeApi.API_KEY))).isEqualTo(range(1, 7));

    api.apiKeyHeader = "api_key";
    assertThat(
            readAll(paged("auth", "api-key", "apiKey", FakeApi.API_KEY, "apiKeyHeader", "api_key")))
        .isEqualTo(range(1, 7));

    ConnectorException e = pollFails(paged("auth", "api-key", "apiKey", "key-that-is-wrong"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .startsWith("GET 127.0.0.1:")
        .contains("HTTP 401 Unauthorized", "check the API key")
        .doesNotContain("key-that-is-wrong");
  }

  @Test
  void aBearerTokenGoesInTheAuthorizationHeader() throws Exception {
    api.auth = FakeApi.Auth.BEARER;
    assertThat(readAll(paged("auth", "bearer", "token", FakeApi.BEARER))).isEqualTo(range(1, 7));

    ConnectorException e = pollFails(paged("auth", "bearer", "token", "bearer-but-wrong"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("check the token").doesNotContain("bearer-but-wrong");
  }

  @Test
  void noAuthenticationAgainstAnApiThatWantsSomeSaysSo() throws Exception {
    api.auth = FakeApi.Auth.BEARER;
    ConnectorException e = pollFails(paged());
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("the API needs authentication");
    assertThat(api.seen("/page")).hasSize(1).allMatch(s -> s.status() == 401);
  }

  private Map<String, String> oauth(String secret, String... more) {
    Map<String, String> c =
        paged(
            "auth",
            "oauth2-client-credentials",
            "tokenUrl",
            api.uri("/oauth/token").toString(),
            "clientId",
            FakeApi.CLIENT_ID,
            "clientSecret",
            secret,
            "scope",
            "contacts.read");
    for (int i = 0; i < more.length; i += 2) {
      c.put(more[i], more[i + 1]);
    }
    return c;
  }

  @Test
  void oauth2FetchesOneTokenAndKeepsItForEveryPage() throws Exception {
    api.auth = FakeApi.Auth.OAUTH2;
    assertThat(readAll(oauth(FakeApi.CLIENT_SECRET))).isEqualTo(range(1, 7));
    assertThat(api.tokensIssued()).isEqualTo(1);
    assertThat(api.seen("/page")).hasSize(3).allMatch(s -> s.status() == 200);
  }

  @Test
  void anExpiringTokenIsRenewedBeforeItRunsOutAndARevokedOneOnThe401() throws Exception {
    api.auth = FakeApi.Auth.OAUTH2;
    api.tokenLifetime = Duration.ofSeconds(2);
    try (PollingSource source = CONNECTOR.openPolling(context(oauth(FakeApi.CLIENT_SECRET)))) {
      var first = drain(source, null, 100);
      assertThat(first.ids()).isEqualTo(range(1, 7));
      assertThat(api.tokensIssued()).isEqualTo(1);

      // Past the token's lifetime (less the renewal margin): a new one before the next request,
      // so the API never sees the expired one.
      TestSupport.CLOCK.advance(Duration.ofMillis(2_100));
      api.add(1);
      assertThat(drain(source, first.end(), 100).ids()).containsExactly(8L);
      assertThat(api.tokensIssued()).isEqualTo(2);
      assertThat(api.seen("/page")).noneMatch(s -> s.status() == 401);

      // Revoked behind the connector's back: one 401, one new token, the same request again.
      api.revokeTokens();
      api.add(1);
      api.clearLog();
      assertThat(source.poll(first.end(), 100).records()).hasSize(2);
      assertThat(api.tokensIssued()).isEqualTo(3);
      assertThat(api.seen("/page").stream().map(FakeApi.Seen::status).toList())
          .startsWith(401, 200);
    }
  }

  @Test
  void anApiThatRefusesEvenAFreshTokenIsAConfigurationError() throws Exception {
    api.auth = FakeApi.Auth.BEARER; // the token endpoint's tokens are no good here
    ConnectorException e = pollFails(oauth(FakeApi.CLIENT_SECRET));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("HTTP 401", "refused even with a new access token");
    assertThat(api.tokensIssued()).isEqualTo(2);
    assertThat(api.seen("/page")).hasSize(2);
    assertThat(e.getMessage()).doesNotContain("tok-");
  }

  @Test
  void aWrongClientSecretIsAConfigurationErrorThatDoesNotShowIt() throws Exception {
    api.auth = FakeApi.Auth.OAUTH2;
    ConnectorException e = pollFails(oauth("not-the-client-secret"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .contains("/oauth/token", "HTTP 401", "invalid_client", "check the client id")
        .doesNotContain("not-the-client-secret");
    assertThat(api.seen("/page")).isEmpty();
  }

  @Test
  void aTokenEndpointThatRefusesBasicGetsTheCredentialsInTheFormAndKeepsGettingThem()
      throws Exception {
    api.auth = FakeApi.Auth.OAUTH2;
    api.basicAccepted = false;
    api.tokenLifetime = Duration.ofSeconds(1);
    try (PollingSource source = CONNECTOR.openPolling(context(oauth(FakeApi.CLIENT_SECRET)))) {
      assertThat(drain(source, null, 100).ids()).isEqualTo(range(1, 7));
      assertThat(api.seen("/oauth/token").stream().map(FakeApi.Seen::status).toList())
          .containsExactly(401, 200);
      TestSupport.CLOCK.advance(Duration.ofMillis(1_100));
      drain(source, null, 100);
      assertThat(api.seen("/oauth/token").stream().map(FakeApi.Seen::status).toList())
          .as("the second token is asked for the way that worked")
          .containsExactly(401, 200, 200);
    }
  }

  @Test
  void checkShowsASampleWithoutTheSecret() throws Exception {
    api.auth = FakeApi.Auth.OAUTH2;
    var check = CONNECTOR.check(context(oauth(FakeApi.CLIENT_SECRET)));
    assertThat(check.summary())
        .matches("127\\.0\\.0\\.1:\\d+/page: 3 records on the first page, more pages follow");
    assertThat(check.sample()).hasSize(3);
    assertThat(check.sample().get(0).values())
        .containsEntry("id", 1L)
        .containsEntry("address.city", "Zürich")
        .containsEntry("address.geo.lat", 45.75)
        .containsEntry("tags", "[\"customer\",\"id-1\"]");
    assertThat(check.sample().get(0).origin()).endsWith("/page id=1");
  }
}
