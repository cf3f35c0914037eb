package io.millwright.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.SourceRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector's parts on their own: links, parameters, values, offsets, settings, records. */
class PartsTest {

  @Test
  void theNextLinkIsFoundAmongOthersHoweverItIsWritten() {
    assertThat(
            Links.next(
                List.of(
                    "<https://api.x/c?page=1>; rel=\"first\", <https://api.x/c?page=3>;"
                        + " rel=\"next\"")))
        .isEqualTo("https://api.x/c?page=3");
    assertThat(Links.next(List.of("</c?after=a,b>; title=\"a, b; c\"; rel=next")))
        .isEqualTo("/c?after=a,b");
    assertThat(
            Links.next(
                List.of(
                    "<https://api.x/last>; rel=\"last\"", "<https://api.x/n>; rel=\"prev next\"")))
        .isEqualTo("https://api.x/n");
    assertThat(Links.next(List.of("<https://api.x/c?page=1>; rel=\"prev\""))).isNull();
    assertThat(Links.next(List.of())).isNull();
  }

  @Test
  void parametersReplaceTheSameNamesAndKeepTheRest() {
    URI base = URI.create("https://crm.example.com/v1/contacts?status=active&page=9");
    assertThat(
            Links.withParams(
                base,
                List.of(Map.entry("page", "2"), Map.entry("since", "2024-03-01T10:00:00+01:00"))))
        .hasToString(
            "https://crm.example.com/v1/contacts?status=active&page=2"
                + "&since=2024-03-01T10%3A00%3A00%2B01%3A00");
    assertThat(Links.withParams(URI.create("http://h:8080"), List.of(Map.entry("q", "a b"))))
        .hasToString("http://h:8080/?q=a%20b");
    assertThat(Links.sameOrigin(URI.create("https://a.x/p"), URI.create("https://A.x:443/q")))
        .isTrue();
    assertThat(Links.sameOrigin(URI.create("https://a.x/p"), URI.create("http://a.x/p"))).isFalse();
    assertThat(Links.sameOrigin(URI.create("https://a.x/p"), URI.create("https://b.x/p")))
        .isFalse();
  }

  @Test
  void valuesCompareAsNumbersTimesDatesOrText() {
    assertThat(Values.compare("9", "10")).isNegative();
    assertThat(Values.compare("10.50", "10.5")).isZero();
    assertThat(Values.compare("2024-03-01T10:00:00Z", "2024-03-01T10:00:00.5Z")).isNegative();
    assertThat(Values.compare("2024-03-01T11:00:00+01:00", "2024-03-01T10:00:00Z")).isZero();
    assertThat(Values.compare("2024-03-01 10:00:00", "2024-03-01T09:59:59.999")).isPositive();
    assertThat(Values.compare("2024-03-02", "2024-03-10")).isNegative();
    assertThat(Values.compare("b", "a")).isPositive();
    assertThat(Values.text(12L)).isEqualTo("12");
    assertThat(Values.text(0.1)).isEqualTo("0.1");
    assertThat(Values.text(Map.of())).isNull();
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsADate() {
    Instant now = Instant.parse("2024-03-01T10:00:00Z");
    assertThat(Http.retryAfter("120", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(Http.retryAfter("Fri, 01 Mar 2024 10:00:05 GMT", now))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(Http.retryAfter("Fri, 01 Mar 2024 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(Http.retryAfter("soon", now)).isNull();
    assertThat(Http.retryAfter(null, now)).isNull();
  }

  private static RestSettings settings(String... kv) throws ConnectorException {
    Map<String, String> m = new HashMap<>();
    m.put("url", "https://crm.example.com/v1/contacts");
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return RestSettings.of(ConnectorConfig.of(new RestConnector().descriptor(), m));
  }

  @Test
  void anOffsetRoundTripsAndIsRefusedForAnotherPagination() throws Exception {
    RestSettings s =
        settings("pagination", "cursor", "incrementalField", "updated_at", "sinceParam", "since");
    Position p =
        Position.start(s)
            .nextCursor("c\"ur/sor")
            .skipping(2)
            .withHigh(Position.Mark.of("2024-03-01T10:00:00Z", "abcdef012345"));
    Offset o = p.toOffset();
    assertThat(o.value())
        .isEqualTo(
            "{\"mode\":\"cursor\",\"cursor\":\"c\\\"ur/sor\",\"skip\":2,"
                + "\"high\":{\"v\":\"2024-03-01T10:00:00Z\",\"ties\":[\"abcdef012345\"]}}");
    assertThat(Position.of(o, s)).isEqualTo(p);
    Position next = p.nextRun();
    assertThat(next.since()).isEqualTo(p.high());
    assertThat(next.first()).isTrue();

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> Position.of(o, settings("pagination", "page")));
    assertThat(e.getMessage()).startsWith("The saved offset was written for cursor pagination");
    e =
        catchThrowableOfType(
            ConnectorException.class, () -> Position.of(new Offset("{\"jdbc\":1}"), s));
    assertThat(e.getMessage()).startsWith("The saved offset is not one this connector wrote");
    RestSettings paged = settings("pagination", "page", "pageSize", "50");
    Offset pageOffset = Position.start(paged).nextPage().toOffset();
    assertThat(pageOffset.value())
        .isEqualTo("{\"mode\":\"page\",\"page\":2,\"size\":50,\"skip\":0}");
    assertThatThrownBy(() -> Position.of(pageOffset, settings("pagination", "page")))
        .hasMessageContaining("counts pages of 50 records, the configuration now says 100");
  }

  @Test
  void aMarkRemembersTiesUpToALimitThenTakesAllOfThemAsRead() {
    Position.Mark m = Position.Mark.of("5", "h0");
    assertThat(m.passes("5", "h0")).isFalse();
    assertThat(m.passes("5", "h1")).isTrue();
    assertThat(m.passes("4", "h9")).isFalse();
    assertThat(m.passes("6", "h0")).isTrue();
    for (int i = 1; i <= Position.MAX_TIES; i++) {
      m = m.passing("5", "h" + i);
    }
    assertThat(m.allTies()).isTrue();
    assertThat(m.passes("5", "new")).isFalse();
    assertThat(m.passing("6", "x")).isEqualTo(Position.Mark.of("6", "x"));
  }

  @Test
  void settingsNameWhatIsWrong() {
    assertThat(problem("url", "ftp://files.example.com/x")).contains("must start with https://");
    assertThat(problem("url", "https://user:pw@crm.example.com/x"))
        .contains("must not carry a user name or password")
        .doesNotContain("pw");
    assertThat(problem("recordsPath", "data")).contains("a JSON pointer starts with '/'");
    assertThat(problem("auth", "api-key")).isEqualTo("API key is needed for api-key");
    assertThat(problem("auth", "oauth2-client-credentials")).contains("need the token URL");
    assertThat(problem("pageSize", "0")).isEqualTo("Page size must be between 1 and 100000");
    assertThat(problem("maxRetries", "99")).contains("between 0 and 20");
    assertThat(problem("sinceParam", "since")).contains("Incremental field is not");
    assertThat(problem("headers", "X-Tenant acme"))
        .contains("Headers line 1 must be 'Name: value'");
    assertThat(problem("headers", "Accept: a\nHost: evil")).contains("line 2: Host is set by");
    assertThat(
            problem("headers", "Authorization: Basic c2VjcmV0", "auth", "bearer", "token", "t0k3n"))
        .contains("sets Authorization, which the authentication (bearer) sets")
        .doesNotContain("c2VjcmV0");
  }

  @Test
  void headersAreReadAsLines() throws Exception {
    assertThat(RestSettings.headers("# a comment\nAccept-Language: de\n\n X-Tenant :  acme  \r\n"))
        .containsExactly(Map.entry("Accept-Language", "de"), Map.entry("X-Tenant", "acme"));
  }

  private static String problem(String... kv) {
    return catchThrowableOfType(ConnectorException.class, () -> settings(kv)).getMessage();
  }

  @Test
  void pointersFollowRfc6901() throws Exception {
    Object doc = Json.parse("{\"a/b\":{\"m~n\":[10,{\"x\":null}]},\"\":1}");
    assertThat(Json.at(doc, Json.pointer("/a~1b/m~0n/1/x"))).isEqualTo(new Json.Found(true, null));
    assertThat(Json.at(doc, Json.pointer("/a~1b/m~0n/0")).value()).isEqualTo(10L);
    assertThat(Json.at(doc, Json.pointer("/")).value()).isEqualTo(1L);
    assertThat(Json.at(doc, Json.pointer("/a~1b/m~0n/01")).present()).isFalse();
    assertThat(Json.at(doc, Json.pointer("/nope")).present()).isFalse();
    assertThat(Json.at(doc, Json.pointer("")).value()).isSameAs(doc);
    assertThatThrownBy(() -> Json.pointer("/a~2")).hasMessageContaining("'~' must be followed");
  }

  @Test
  void objectsAreFlattenedAndAnythingElseIsUnreadable() throws Exception {
    Object contact =
        Json.parse(
            "{\"id\":\"c-1\",\"name\":\"Ada\",\"org\":{\"name\":\"ACME\",\"address\":{\"zip\":\"01"
                + "\"}},\"tags\":[\"a\",{\"b\":1}],\"empty\":{},\"score\":12.5,\"vip\":true,\"x\":null}");
    SourceRecord r = Records.of(contact, "crm.example.com/v1/contacts", "page 2", 4);
    assertThat(r.origin()).isEqualTo("crm.example.com/v1/contacts id=c-1");
    assertThat(r.values())
        .containsExactly(
            Map.entry("id", "c-1"),
            Map.entry("name", "Ada"),
            Map.entry("org.name", "ACME"),
            Map.entry("org.address.zip", "01"),
            Map.entry("tags", "[\"a\",{\"b\":1}]"),
            Map.entry("empty", "{}"),
            Map.entry("score", 12.5),
            Map.entry("vip", true),
            new java.util.AbstractMap.SimpleEntry<>("x", null));

    SourceRecord noId = Records.of(Json.parse("{\"n\":1}"), "h/p", "page 2", 4);
    assertThat(noId.origin()).isEqualTo("h/p page 2 #5");

    SourceRecord bad = Records.of(List.of(1L, 2L), "h/p", "", 0);
    assertThat(bad.isUnreadable()).isTrue();
    assertThat(bad.raw()).isEqualTo("[1,2]");
    assertThat(bad.problem()).isEqualTo("element 1 of the page is an array, not an object");
  }
}
