package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The connector contract against the fake API, one subclass per pagination mode (and a different
 * authentication in each, so the kit also sees every kind of credential refused). Pages are small
 * so the kit's reads cross page boundaries.
 */
abstract class RestContractTestBase extends ConnectorContract {

  /** Retries without the production pauses: the fake API fails on purpose only in other tests. */
  static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50));

  protected final FakeApi api;
  private final RestConnector connector = new RestConnector(FAST, java.time.Clock.systemUTC());

  RestContractTestBase() {
    try {
      api = new FakeApi();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    api.auth = auth();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  /** The configuration of this mode, without authentication. */
  protected abstract Map<String, String> mode();

  protected abstract FakeApi.Auth auth();

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    Map<String, String> c = new HashMap<>(mode());
    c.putAll(credentials(true));
    c.put("maxRetries", "2");
    c.put("timeout", "10s");
    return c;
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    Map<String, String> c = new HashMap<>(mode());
    if (auth() == FakeApi.Auth.NONE) {
      // Nothing to refuse: a port nobody listens on.
      c.put("url", "http://127.0.0.1:1/all");
    } else {
      c.putAll(credentials(false));
    }
    c.put("maxRetries", "1");
    return c;
  }

  private Map<String, String> credentials(boolean right) {
    return switch (auth()) {
      case NONE -> Map.of();
      case API_KEY ->
          Map.of("auth", "api-key", "apiKey", right ? FakeApi.API_KEY : "key-wrong-0000000000");
      case BEARER -> Map.of("auth", "bearer", "token", right ? FakeApi.BEARER : "bearer-wrong-123");
      case OAUTH2 ->
          Map.of(
              "auth",
              "oauth2-client-credentials",
              "tokenUrl",
              api.uri("/oauth/token").toString(),
              "clientId",
              FakeApi.CLIENT_ID,
              "clientSecret",
              right ? FakeApi.CLIENT_SECRET : "wrong-client-secret-value");
    };
  }

  @Override
  protected void addRecords(int count) {
    api.add(count);
  }

  @Override
  protected boolean addUnreadableRecord() {
    api.addRaw("not an object");
    return true;
  }
}
