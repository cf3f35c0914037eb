package io.millwright.connector.rest;

import java.util.Map;

/**
 * Page numbers with an incremental field: every run starts over at page 1 with updated_since set to
 * the highest updated_at read, which the API treats as inclusive; the kit must still see each
 * record once.
 */
class IncrementalPageContractTest extends RestContractTestBase {

  @Override
  protected Map<String, String> mode() {
    return Map.of(
        "url", api.uri("/page").toString(),
        "recordsPath", "/data",
        "pagination", "page",
        "pageSize", "3",
        "incrementalField", "updated_at",
        "sinceParam", "updated_since");
  }

  @Override
  protected FakeApi.Auth auth() {
    return FakeApi.Auth.API_KEY;
  }
}
