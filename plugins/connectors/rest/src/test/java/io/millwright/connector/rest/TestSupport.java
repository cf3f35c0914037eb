package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.MovableClock;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the tests share: contexts, and a poll loop like the host's. */
final class TestSupport {

  /** The connector's "now": tests move it instead of sleeping until a token expires. */
  static final MovableClock CLOCK =
      new MovableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));

  static final RestConnector CONNECTOR = new RestConnector(RestContractTestBase.FAST, CLOCK);

  private TestSupport() {}

  static TestContext context(Map<String, String> config) {
    return new TestContext(CONNECTOR.descriptor(), config);
  }

  /** What a poll loop read from an offset until the source said there is no more. */
  record Read(List<SourceRecord> records, Offset end, int polls) {
    List<Long> ids() {
      return records.stream().map(r -> ((Number) r.values().get("id")).longValue()).toList();
    }
  }

  static Read drain(PollingSource source, Offset from, int batch) throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    Offset at = from;
    for (int polls = 1; polls < 10_000; polls++) {
      Batch b = source.poll(at, batch);
      all.addAll(b.records());
      at = b.next();
      if (!b.more()) {
        return new Read(all, at, polls);
      }
    }
    throw new AssertionError("no end");
  }

  static List<Long> range(long from, long to) {
    List<Long> ids = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      ids.add(i);
    }
    return ids;
  }
}
