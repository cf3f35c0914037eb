package io.millwright.connector.rest;

import java.util.Map;

/** One response holds the whole collection, a bare array; no authentication. */
class NoneContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of("url", api.uri("/all").toString());
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.NONE;
  }
}
