package io.millwright.connector.rest;

import java.util.Map;

/** RFC 8288 Link: <...>; rel="next" headers over a bare array, a bearer token. */
class LinkContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of("url", api.uri("/link").toString(), "pagination", "link");
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.BEARER;
  }
}
