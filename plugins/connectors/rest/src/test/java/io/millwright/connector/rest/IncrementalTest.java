package io.millwright.connector.rest;

import static io.millwright.connector.rest.TestSupport.CONNECTOR;
import static io.millwright.connector.rest.TestSupport.context;
import static io.millwright.connector.rest.TestSupport.drain;
import static io.millwright.connector.rest.TestSupport.range;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.PollingSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Incremental runs: each run after the first sends the highest updated_at read so far, gets only
 * what changed since from the API, and hands out only what is newer.
 */
class IncrementalTest {

  private final FakeApi api;

  IncrementalTest() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private Map<String, String> config(boolean sinceParam, String path) {
    Map<String, String> c = new HashMap<>();
    c.put("url", api.uri("/" + path).toString());
    c.put("pagination", path.equals("all") ? "none" : path);
    if (path.equals("page")) {
      c.put("recordsPath", "/data");
      c.put("pageSize", "4");
    } else if (path.equals("cursor")) {
      c.put("recordsPath", "/data");
      c.put("cursorPath", "/meta/next");
    }
    c.put("incrementalField", "updated_at");
    if (sinceParam) {
      c.put("sinceParam", "updated_since");
    }
    return c;
  }

  @Test
  void laterRunsFetchOnlyWhatChangedSinceTheHighestValueRead() throws Exception {
    api.add(10);
    try (PollingSource source = CONNECTOR.openPolling(context(config(true, "page")))) {
      var run1 = drain(source, null, 3);
      assertThat(run1.ids()).isEqualTo(range(1, 10));
      assertThat(api.seen("/page")).allMatch(s -> !s.query().containsKey("updated_since"));
      String high1 = api.lastUpdatedAt().toString();
      assertThat(run1.end().value())
          .as("the offset keeps the highest value, as the next run's bound")
          .contains("\"since\":{\"v\":\"" + high1 + "\"")
          .contains("\"page\":1,");

      api.touch(3);
      api.touch(7);
      api.add(2);
      api.clearLog();
      var run2 = drain(source, run1.end(), 3);
      assertThat(run2.ids()).containsExactly(3L, 7L, 11L, 12L);
      assertThat(api.seen("/page"))
          .isNotEmpty()
          .allMatch(s -> high1.equals(s.query().get("updated_since")));
      // The API answered from the bound on: 5 (the record at the bound itself, then 4 newer).
      assertThat(api.seen("/page")).hasSize(2);
      assertThat(run2.records().get(0).values().get("name")).isEqualTo("Contact 3 (changed)");

      api.clearLog();
      var run3 = drain(source, run2.end(), 3);
      assertThat(run3.ids()).isEmpty();
      assertThat(api.seen("/page"))
          .allMatch(s -> api.lastUpdatedAt().toString().equals(s.query().get("updated_since")));
    }
  }

  @Test
  void aRecordWithTheSameValueAsTheHighestReadIsReadOnceAndALaterOneWithItToo() throws Exception {
    api.add(3);
    java.time.Instant tie = api.lastUpdatedAt();
    try (PollingSource source = CONNECTOR.openPolling(context(config(true, "page")))) {
      var run1 = drain(source, null, 10);
      assertThat(run1.ids()).isEqualTo(range(1, 3));
      // Another record stamped with the same instant, committed after the first run read.
      int late = api.addAt(tie);
      var run2 = drain(source, run1.end(), 10);
      assertThat(run2.ids()).containsExactly((long) late);
      assertThat(drain(source, run2.end(), 10).ids()).isEmpty();
    }
  }

  @Test
  void withoutASinceParameterEveryRunReadsAllAndHandsOutOnlyTheNewer() throws Exception {
    api.add(6);
    try (PollingSource source = CONNECTOR.openPolling(context(config(false, "all")))) {
      var run1 = drain(source, null, 4);
      assertThat(run1.ids()).isEqualTo(range(1, 6));
      api.touch(2);
      api.add(1);
      var run2 = drain(source, run1.end(), 4);
      assertThat(run2.ids()).containsExactly(2L, 7L);
      assertThat(api.seen("/all")).allMatch(s -> s.query().isEmpty());
    }
  }

  @Test
  void aRunCutShortByACrashGoesOnFromItsPageWithTheSameBound() throws Exception {
    api.add(9);
    Map<String, String> config = config(true, "cursor");
    var run1 = drain(CONNECTOR.openPolling(context(config)), null, 100);
    api.add(8); // 10..17
    Batch first;
    try (PollingSource source = CONNECTOR.openPolling(context(config))) {
      first = source.poll(run1.end(), 5);
      assertThat(first.records()).hasSize(5);
      assertThat(first.more()).isTrue();
    }
    try (PollingSource reopened = CONNECTOR.openPolling(context(config))) {
      var rest = drain(reopened, first.next(), 5);
      assertThat(rest.ids()).isEqualTo(range(15, 17));
      assertThat(api.seen("/cursor").get(api.seen("/cursor").size() - 1).query())
          .containsEntry(
              "updated_since",
              run1.end().value().replaceAll(".*\"since\":\\{\"v\":\"([^\"]+)\".*", "$1"));
    }
    assertThat(first.records().stream().map(r -> r.values().get("id")).toList())
        .isEqualTo(List.of(10L, 11L, 12L, 13L, 14L));
  }

  @Test
  void checkRefusesAnIncrementalFieldNoRecordHas() throws Exception {
    api.add(2);
    Map<String, String> c = config(true, "page");
    c.put("incrementalField", "modified");
    var e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.millwright.plugin.api.connector.ConnectorException.class,
            () -> CONNECTOR.check(context(c)));
    assertThat(e.getMessage())
        .contains("None of the 2 records", "incremental field modified")
        .contains("id, name, updated_at, address.city, address.geo.lat, tags");
  }
}
