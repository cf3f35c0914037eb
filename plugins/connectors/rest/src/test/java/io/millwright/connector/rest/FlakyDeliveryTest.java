package io.millwright.connector.rest;

import static io.millwright.connector.rest.TestSupport.CONNECTOR;
import static io.millwright.connector.rest.TestSupport.context;
import static io.millwright.connector.rest.TestSupport.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An API that fails a third of its requests (503s and dropped connections) while records keep
 * arriving, read the way the host reads: commit the offset after each batch, retry a failed poll
 * from the last committed offset, and now and then lose the source as a crash would. Every record
 * must arrive exactly once.
 */
class FlakyDeliveryTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"page", "offset", "cursor", "link", "page+incremental"})
  void flakyAnswersStillDeliverEveryRecordExactlyOnce(String mode) throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.add(25);
      Map<String, String> config = config(api, mode);
      api.flaky(0.33, mode.hashCode());

      List<SourceRecord> committed = new ArrayList<>();
      Offset offset = null;
      int failures = 0;
      int polls = 0;
      int added = 25;
      PollingSource source = CONNECTOR.openPolling(context(config));
      try {
        boolean drained = false;
        while (!drained || added < 60) {
          if (drained) {
            api.add(7);
            added += 7;
          }
          if (polls % 11 == 5) {
            // Twice in a row, with one retry allowed: this poll gives up for sure.
            api.fail(FakeApi.Fault.status(503), FakeApi.Fault.cutShort());
          }
          if (++polls % 9 == 0) {
            source.close(); // a crash: the host opens a new source from the committed offset
            source = CONNECTOR.openPolling(context(config));
          }
          Batch b;
          try {
            b = source.poll(offset, 4);
          } catch (ConnectorException e) {
            assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNAVAILABLE);
            failures++;
            drained = false;
            continue;
          }
          assertThat(b.records()).hasSizeLessThanOrEqualTo(4);
          committed.addAll(b.records());
          if (!b.records().isEmpty()) {
            offset = b.next(); // the host keeps the offset only with records (PollCursor)
          }
          drained = !b.more();
          assertThat(polls).as("no end").isLessThan(2_000);
        }
      } finally {
        source.close();
      }
      List<Long> ids =
          committed.stream().map(r -> ((Number) r.values().get("id")).longValue()).toList();
      assertThat(ids).as("each record exactly once, in order").isEqualTo(range(1, added));
      assertThat(failures).as("polls that gave up (the test proves something)").isPositive();
      assertThat(api.seen())
          .as("503s and dropped connections were answered")
          .anyMatch(s -> s.status() == 503)
          .anyMatch(s -> s.status() == -1);
    }
  }

  private static Map<String, String> config(FakeApi api, String mode) {
    Map<String, String> c = new HashMap<>();
    c.put("maxRetries", "1");
    switch (mode) {
      case "page", "page+incremental" -> {
        c.put("url", api.uri("/page").toString());
        c.put("recordsPath", "/data");
        c.put("pagination", "page");
        c.put("pageSize", "5");
        if (mode.endsWith("incremental")) {
          c.put("incrementalField", "updated_at");
          c.put("sinceParam", "updated_since");
        }
      }
      case "offset" -> {
        c.put("url", api.uri("/offset").toString());
        c.put("recordsPath", "/items");
        c.put("pagination", "offset");
        c.put("pageSize", "5");
      }
      case "cursor" -> {
        c.put("url", api.uri("/cursor").toString());
        c.put("recordsPath", "/data");
        c.put("pagination", "cursor");
        c.put("cursorPath", "/meta/next");
      }
      default -> {
        c.put("url", api.uri("/link").toString());
        c.put("pagination", "link");
      }
    }
    return c;
  }
}
