package io.millwright.connector.rest;

import java.util.Map;

/** Opaque cursors at /meta/next, three records a page, OAuth2 client credentials. */
class CursorContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of(
        "url", api.uri("/cursor").toString(),
        "recordsPath", "/data",
        "pagination", "cursor",
        "cursorPath", "/meta/next",
        "cursorParam", "cursor");
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.OAUTH2;
  }
}
