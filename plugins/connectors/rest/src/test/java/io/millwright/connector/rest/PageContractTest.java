package io.millwright.connector.rest;

import java.util.Map;

/** Page numbers (?page=&per_page=3), records under /data, an API key. */
class PageContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of(
        "url", api.uri("/page").toString(),
        "recordsPath", "/data",
        "pagination", "page",
        "pageSize", "3");
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.API_KEY;
  }
}
