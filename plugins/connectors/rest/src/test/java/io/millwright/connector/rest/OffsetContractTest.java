package io.millwright.connector.rest;

import java.util.Map;

/** Offsets (?offset=&limit=3), records under /items, no authentication. */
class OffsetContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of(
        "url", api.uri("/offset").toString(),
        "recordsPath", "/items",
        "pagination", "offset",
        "pageSize", "3");
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.NONE;
  }
}
