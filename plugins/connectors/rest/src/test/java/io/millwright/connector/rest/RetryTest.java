package io.millwright.connector.rest;

import static io.millwright.connector.rest.TestSupport.CONNECTOR;
import static io.millwright.connector.rest.TestSupport.context;
import static io.millwright.connector.rest.TestSupport.drain;
import static io.millwright.connector.rest.TestSupport.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.millwright.connector.rest.FakeApi.Fault;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.ConnectorException.Kind;
import io.millwright.plugin.api.connector.PollingSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, failing servers and broken connections. Timing is asserted only as "waited at least
 * what Retry-After asked", from the API's own request log.
 */
class RetryTest {

  private final FakeApi api;

  RetryTest() throws Exception {
    api = new FakeApi();
    api.add(5);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Map<String, String> config(String... more) {
    Map<String, String> c = new HashMap<>();
    c.put("url", api.uri("/page").toString());
    c.put("recordsPath", "/data");
    c.put("pagination", "page");
    c.put("pageSize", "10");
    c.put("maxRetries", "2");
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

  private ConnectorException fails(Map<String, String> config) throws Exception {
    try (PollingSource source = CONNECTOR.openPolling(context(config))) {
      return catchThrowableOfType(ConnectorException.class, () -> source.poll(null, 10));
    }
  }

  @Test
  void aRateLimitWithRetryAfterInSecondsIsWaitedOut() throws Exception {
    api.fail(Fault.retryAfter(429, "1"));
    assertThat(readAll(config())).isEqualTo(range(1, 5));
    List<FakeApi.Seen> seen = api.seen("/page");
    assertThat(seen).extracting(FakeApi.Seen::status).containsExactly(429, 200);
    assertThat(Duration.between(seen.get(0).at(), seen.get(1).at()))
        .as("waited at least the Retry-After")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRetryAfterAsAnHttpDateIsWaitedOutToo() throws Exception {
    // The date is two seconds after the connector's "now" (its clock, which the tests own).
    Instant until = TestSupport.CLOCK.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);
    api.fail(
        Fault.retryAfter(
            503, DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atOffset(ZoneOffset.UTC))));
    assertThat(readAll(config())).isEqualTo(range(1, 5));
    List<FakeApi.Seen> seen = api.seen("/page");
    assertThat(seen).extracting(FakeApi.Seen::status).containsExactly(503, 200);
    assertThat(java.time.Duration.between(seen.get(0).at(), seen.get(1).at()))
        .as("not asked again before the date: the wait was served")
        .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
  }

  @Test
  void everyRetryAfterCountsAsARetry() throws Exception {
    api.fail(Fault.retryAfter(429, "0"), Fault.retryAfter(429, "0"), Fault.retryAfter(429, "0"));
    ConnectorException e = fails(config());
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("HTTP 429 Too Many Requests", "gave up after 3 attempts");
    assertThat(api.seen("/page")).hasSize(3);
  }

  @Test
  void aRetryAfterLongerThanAPollShouldWaitFailsTheRunAtOnce() throws Exception {
    api.fail(Fault.retryAfter(429, "3600"));
    ConnectorException e = fails(config());
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("asks to wait 3600 s");
    assertThat(api.seen("/page")).hasSize(1);
  }

  @Test
  void fiveHundredsAreRetriedUpToMaxRetriesThenTheSourceIsUnavailable() throws Exception {
    api.fail(Fault.status(500), Fault.status(502));
    assertThat(readAll(config())).isEqualTo(range(1, 5));
    assertThat(api.seen("/page")).extracting(FakeApi.Seen::status).containsExactly(500, 502, 200);

    api.clearLog();
    api.fail(Fault.status(503), Fault.status(504), Fault.status(500));
    ConnectorException e = fails(config());
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .matches(
            "GET 127\\.0\\.0\\.1:\\d+/page: HTTP 500 Internal Server Error \\(gave up after 3"
                + " attempts\\).*");
    assertThat(api.seen("/page")).hasSize(3);
  }

  @Test
  void droppedAndCutConnectionsAreRetried() throws Exception {
    api.fail(Fault.dropped(), Fault.cutShort());
    assertThat(readAll(config())).isEqualTo(range(1, 5));
    assertThat(api.seen("/page")).extracting(FakeApi.Seen::status).containsExactly(-1, 200, 200);

    // A connection closed before any answer on a pooled connection is retried once by the JDK's
    // client itself; a body cut short is not, so that is what exhausts the retries here.
    api.fail(Fault.cutShort(), Fault.cutShort(), Fault.cutShort());
    ConnectorException e = fails(config());
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("connection failed", "gave up after 3 attempts");
  }

  @Test
  void nothingListeningIsUnavailableAndSaysWhere() throws Exception {
    ConnectorException e = fails(config("url", "http://127.0.0.1:1/page", "maxRetries", "1"));
    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("GET 127.0.0.1:1/page: could not connect");
  }

  @Test
  void notFoundAndOtherRefusalsAreConfigurationErrorsWithoutRetries() throws Exception {
    ConnectorException e = fails(config("url", api.uri("/contacts").toString()));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("HTTP 404 Not Found: check the URL", "no such endpoint");
    assertThat(api.seen("/contacts")).hasSize(1);

    api.fail(Fault.status(400));
    e = fails(config());
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage()).contains("HTTP 400 Bad Request: the API refused the request");
  }

  @Test
  void aWrongRecordsPathIsNamedWithTheFieldsThereAre() throws Exception {
    ConnectorException e = fails(config("recordsPath", "/results"));
    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
    assertThat(e.getMessage())
        .endsWith("nothing at the records path /results; its fields are /data, /page");

    e = fails(config("recordsPath", "/page"));
    assertThat(e.getMessage()).contains("the records path /page is a number, not an array");
  }
}
