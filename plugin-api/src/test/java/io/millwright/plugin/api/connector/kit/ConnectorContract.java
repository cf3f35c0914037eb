package io.millwright.plugin.api.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.StreamingSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The connector contract test kit: what every connector must do for the host to ingest from it
 * without loss or duplicates. A plugin's test extends this class, points it at a real source it
 * prepares (a database, a broker, a local HTTP server) and inherits the tests; the tests of a
 * capability the connector does not declare are skipped.
 *
 * <p>Published as the {@code millwright-plugin-api} test-jar; first-party connectors run it, and it
 * is what a partner runs on theirs (docs/plugin-guide.md).
 */
public abstract class ConnectorContract {

  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+].*)?");

  /** The connector as its plugin's extension class creates it. */
  protected abstract Connector connector();

  /** A configuration that reaches the real source the test prepared. */
  protected abstract Map<String, String> workingConfig();

  /** A configuration whose source cannot be reached or refuses it (wrong port, bad password). */
  protected abstract Map<String, String> unreachableConfig();

  /**
   * Adds records the connector has not seen to the source (rows inserted, messages published, files
   * dropped). Needed for {@link Capability#POLL} and {@link Capability#STREAM}.
   */
  protected void addRecords(int count) throws Exception {
    throw new UnsupportedOperationException("addRecords is needed for POLL and STREAM");
  }

  /**
   * Adds one record the connector cannot parse (a non-JSON payload, a broken line), or returns
   * false when the source cannot hold such a thing (a typed database table).
   */
  protected boolean addUnreadableRecord() throws Exception {
    return false;
  }

  /** For {@link Capability#PUSH}: a request signed as a sender would sign it, with records. */
  protected PushedRequest signedPush(String deliveryId, int records) throws Exception {
    throw new UnsupportedOperationException("signedPush is needed for PUSH");
  }

  /** What identifies a record in the source, to compare reads; the origin by default. */
  protected String identity(SourceRecord record) {
    return record.origin();
  }

  /** How long a streamed record may take to arrive before a test gives up. */
  protected Duration arrivalTimeout() {
    return Duration.ofSeconds(15);
  }

  protected final TestContext context(Map<String, String> config) {
    return new TestContext(connector().descriptor(), config);
  }

  // ---- descriptor and configuration --------------------------------------------------------

  @Test
  void theDescriptorIsWellFormed() {
    ConnectorDescriptor d = connector().descriptor();
    assertThat(d.version()).as("connector version").matches(SEMVER);
    assertThat(d.displayName()).isNotBlank();
    assertThat(d.description()).as("a sentence for the catalogue").isNotBlank();
    for (ConfigOption option : d.options()) {
      assertThat(option.label()).as(option.name()).isNotBlank();
      assertThat(option.description()).as("help for " + option.name()).isNotBlank();
      if (option.secret()) {
        assertThat(option.defaultValue()).as("a secret has no default: " + option.name()).isNull();
      }
      if (option.defaultValue() != null) {
        assertThat(ConnectorConfig.problems(d, Map.of(option.name(), option.defaultValue())))
            .as("the default of " + option.name() + " passes its own type")
            .noneMatch(p -> p.option().equals(option.name()));
      }
    }
    assertThat(connector().descriptor()).as("stable while loaded").isEqualTo(d);
  }

  @Test
  void theWorkingConfigurationIsValidAndMistakesAreNamed() {
    ConnectorDescriptor d = connector().descriptor();
    assertThat(ConnectorConfig.problems(d, workingConfig())).isEmpty();

    Map<String, String> wrong = new HashMap<>();
    wrong.put("no-such-option", "x");
    List<ConnectorConfig.Problem> problems = ConnectorConfig.problems(d, wrong);
    assertThat(problems).anyMatch(p -> p.option().equals("no-such-option"));
    for (ConfigOption option : d.options()) {
      if (option.required() && option.defaultValue() == null) {
        assertThat(problems).anyMatch(p -> p.option().equals(option.name()));
      }
    }
  }

  @Test
  void checkReachesTheSourceAndShowsASample() throws Exception {
    ConnectionCheck check =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60), () -> connector().check(context(workingConfig())));
    assertThat(check.summary()).isNotBlank();
    assertThat(check.sample()).hasSizeLessThanOrEqualTo(20);
    assertNoSecretIn(check.summary() + check.sample());
  }

  @Test
  void checkFailsClearlyWhenTheSourceCannotBeReached() {
    // A bound against hanging forever on a dead host, not a performance assertion.
    Throwable thrown =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> {
              try {
                connector().check(context(unreachableConfig()));
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    assertThat(thrown).isInstanceOf(ConnectorException.class);
    ConnectorException e = (ConnectorException) thrown;
    assertThat(e.kind()).isNotEqualTo(ConnectorException.Kind.REJECTED);
    assertThat(e.getMessage()).isNotBlank();
    assertNoSecretIn(e.getMessage());
    assertNoSecretIn(context(unreachableConfig()).config().toString());
  }

  @Test
  void capabilitiesItDoesNotDeclareAreRefused() {
    ConnectorDescriptor d = connector().descriptor();
    TestContext context = context(workingConfig());
    if (!d.can(Capability.POLL)) {
      assertThatThrownBy(() -> connector().openPolling(context))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    if (!d.can(Capability.STREAM)) {
      assertThatThrownBy(() -> connector().openStreaming(context))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    if (!d.can(Capability.PUSH)) {
      assertThatThrownBy(() -> connector().openPush(context))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  // ---- POLL -----------------------------------------------------------------------------------

  @Test
  void pollingResumesFromTheCommittedOffsetWithNothingLostOrRepeated() throws Exception {
    assumeCapability(Capability.POLL);
    try (PollingSource source = connector().openPolling(context(workingConfig()))) {
      addRecords(2);
      Drained before = drain(source, null, 7);
      addRecords(5);
      Drained after = drain(source, before.end(), 2);
      assertThat(after.identities()).hasSize(5).doesNotContainAnyElementsOf(before.identities());
      assertThat(after.batchSizes()).allMatch(n -> n <= 2);
      assertThat(drain(source, after.end(), 10).identities()).as("nothing new").isEmpty();
    }
  }

  @Test
  void pollingTheSameOffsetAgainReadsTheSameRecords() throws Exception {
    // After a crash the host polls again from the last committed offset: it must see the same
    // records, or the ones it had read but not committed would be lost.
    assumeCapability(Capability.POLL);
    try (PollingSource source = connector().openPolling(context(workingConfig()))) {
      Offset end = drain(source, null, 50).end();
      addRecords(3);
      Batch first = source.poll(end, 10);
      Batch again = source.poll(end, 10);
      assertThat(identities(again.records())).isEqualTo(identities(first.records())).hasSize(3);
      assertThat(again.next()).isEqualTo(first.next());
    }
    try (PollingSource reopened = connector().openPolling(context(workingConfig()))) {
      assertThat(drain(reopened, null, 50).identities())
          .as("a new source sees them too")
          .isNotEmpty();
    }
  }

  @Test
  void aFullBatchSaysThereIsMore() throws Exception {
    assumeCapability(Capability.POLL);
    try (PollingSource source = connector().openPolling(context(workingConfig()))) {
      Offset end = drain(source, null, 50).end();
      addRecords(5);
      Batch part = source.poll(end, 2);
      assertThat(part.records()).hasSize(2);
      assertThat(part.more()).isTrue();
    }
  }

  @Test
  void committedIsIdempotent() throws Exception {
    assumeCapability(Capability.POLL);
    try (PollingSource source = connector().openPolling(context(workingConfig()))) {
      addRecords(2);
      Drained all = drain(source, null, 50);
      source.committed(all.end());
      source.committed(all.end());
      assertThat(drain(source, all.end(), 10).identities()).isEmpty();
    }
  }

  @Test
  void anUnreadableRecordIsHandedOverWithItsRawTextAndDoesNotStopTheSource() throws Exception {
    assumeThat(
            connector().descriptor().can(Capability.POLL)
                || connector().descriptor().can(Capability.STREAM))
        .isTrue();
    if (connector().descriptor().can(Capability.POLL)) {
      try (PollingSource source = connector().openPolling(context(workingConfig()))) {
        Offset end = drain(source, null, 50).end();
        assumeThat(addUnreadableRecord()).as("the source can hold an unreadable record").isTrue();
        addRecords(1);
        List<SourceRecord> read = drain(source, end, 10).records();
        assertUnreadableThenGood(read);
      }
    } else {
      StreamingSource source = connector().openStreaming(context(workingConfig()));
      CollectingSink sink = new CollectingSink();
      try {
        source.start(sink);
        assumeThat(addUnreadableRecord()).as("the source can hold an unreadable record").isTrue();
        addRecords(1);
        assertUnreadableThenGood(sink.awaitRecords(2, arrivalTimeout()));
        sink.acknowledgeAll();
      } finally {
        source.close();
      }
    }
  }

  // ---- STREAM ---------------------------------------------------------------------------------

  @Test
  void unacknowledgedRecordsComeAgainAndAcknowledgedOnesDoNot() throws Exception {
    assumeCapability(Capability.STREAM);
    Map<String, String> config = workingConfig();
    // Whatever an earlier test left unacknowledged is taken and acknowledged first.
    settle(config);

    CollectingSink first = new CollectingSink();
    StreamingSource source = connector().openStreaming(context(config));
    source.start(first);
    addRecords(3);
    Set<String> delivered = identities(first.awaitRecords(3, arrivalTimeout()));
    source.close(); // crash-like: nothing acknowledged
    assertThat(delivered).hasSize(3);

    CollectingSink second = new CollectingSink();
    StreamingSource again = connector().openStreaming(context(config));
    again.start(second);
    Set<String> redelivered = identities(second.awaitRecords(3, arrivalTimeout()));
    assertThat(redelivered).as("unacknowledged records come again").containsAll(delivered);
    second.acknowledgeAll();
    again.close();

    CollectingSink third = new CollectingSink();
    StreamingSource last = connector().openStreaming(context(config));
    last.start(third);
    addRecords(1);
    third.awaitRecords(1, arrivalTimeout());
    // A redelivery would come with or shortly after the new record: wait a little for one.
    List<SourceRecord> after = third.awaitRecords(1 + delivered.size(), Duration.ofSeconds(2));
    third.acknowledgeAll();
    last.close();
    assertThat(identities(after)).hasSize(1).doesNotContainAnyElementsOf(delivered);
    assertThat(first.failure()).isNull();
  }

  // ---- PUSH -----------------------------------------------------------------------------------

  @Test
  void aSignedPushIsAcceptedAndATamperedOneRefused() throws Exception {
    assumeCapability(Capability.PUSH);
    try (PushSource source = connector().openPush(context(workingConfig()))) {
      PushedRequest good = signedPush("delivery-1", 3);
      PushDelivery delivery = source.receive(good);
      assertThat(delivery.id()).isEqualTo("delivery-1");
      assertThat(delivery.records()).hasSize(3);

      byte[] body = good.body();
      body[body.length / 2] ^= 0x01;
      PushedRequest tampered =
          new PushedRequest(good.method(), good.headers(), body, good.receivedAt());
      assertThatThrownBy(() -> source.receive(tampered))
          .isInstanceOf(ConnectorException.class)
          .satisfies(
              e ->
                  assertThat(((ConnectorException) e).kind())
                      .isEqualTo(ConnectorException.Kind.REJECTED));

      PushedRequest unsigned =
          new PushedRequest(good.method(), Map.of(), good.body(), good.receivedAt());
      assertThatThrownBy(() -> source.receive(unsigned))
          .isInstanceOf(ConnectorException.class)
          .satisfies(
              e ->
                  assertThat(((ConnectorException) e).kind())
                      .isEqualTo(ConnectorException.Kind.REJECTED));
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Everything a poll loop read from an offset until the source said there is no more. */
  protected record Drained(List<SourceRecord> records, List<Integer> batchSizes, Offset end) {
    Set<String> identities() {
      return new LinkedHashSet<>(records.stream().map(SourceRecord::origin).toList());
    }
  }

  /** Polls like the host does: again at once while the source says there is more. */
  protected Drained drain(PollingSource source, Offset from, int batch) throws Exception {
    List<SourceRecord> all = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    Offset at = from;
    for (int i = 0; i < 10_000; i++) {
      Batch b = source.poll(at, batch);
      assertThat(b.records()).hasSizeLessThanOrEqualTo(batch);
      all.addAll(b.records());
      if (!b.records().isEmpty()) {
        sizes.add(b.records().size());
      }
      at = b.next();
      if (!b.more()) {
        List<SourceRecord> keyed = all.stream().map(this::keyedByIdentity).toList();
        return new Drained(keyed, sizes, at);
      }
    }
    throw new AssertionError("the source said 'more' 10,000 times in a row");
  }

  private SourceRecord keyedByIdentity(SourceRecord r) {
    return new SourceRecord(identity(r), r.values(), r.problem(), r.raw());
  }

  private Set<String> identities(List<SourceRecord> records) {
    return new LinkedHashSet<>(records.stream().map(this::identity).toList());
  }

  private void settle(Map<String, String> config) throws Exception {
    CollectingSink sink = new CollectingSink();
    StreamingSource source = connector().openStreaming(context(config));
    source.start(sink);
    addRecords(1);
    sink.awaitRecords(1, arrivalTimeout());
    // Redeliveries of earlier tests may trail the marker record; give them a moment to land.
    Thread.sleep(500);
    sink.acknowledgeAll();
    source.close();
  }

  private void assertUnreadableThenGood(List<SourceRecord> read) {
    assertThat(read).hasSize(2);
    assertThat(read.get(0).isUnreadable()).isTrue();
    assertThat(read.get(0).problem()).isNotBlank();
    assertThat(read.get(0).raw()).as("the raw text is kept for the quarantine").isNotNull();
    assertThat(read.get(1).isUnreadable()).isFalse();
  }

  private void assumeCapability(Capability capability) {
    assumeThat(connector().descriptor().can(capability))
        .as(connector().descriptor().id() + " declares " + capability)
        .isTrue();
  }

  private void assertNoSecretIn(String text) {
    ConnectorDescriptor d = connector().descriptor();
    for (Map<String, String> config : List.of(workingConfig(), unreachableConfig())) {
      for (ConfigOption option : d.options()) {
        String value = config.get(option.name());
        if (option.secret() && value != null && value.length() >= 4) {
          assertThat(text).as("secret " + option.name() + " must not show").doesNotContain(value);
        }
      }
    }
  }
}
