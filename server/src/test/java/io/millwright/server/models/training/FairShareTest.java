package io.millwright.server.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.models.TrainingRun;
import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FairShareTest {

  static final TenantId A = TenantId.random();
  static final TenantId B = TenantId.random();
  static final TenantId C = TenantId.random();
  static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  final List<TrainingRun> queue = new ArrayList<>();

  static FairShare.Limits limits(int perTenant, int total) {
    return new FairShare.Limits(perTenant, total, Map.of(), false);
  }

  TrainingRun run(TenantId tenant, String status, int minute) {
    return run(tenant, status, minute, "cpu");
  }

  TrainingRun run(TenantId tenant, String status, int minute, String device) {
    TrainingRun r =
        new TrainingRun(
            tenant,
            UUID.randomUUID(),
            "m",
            UUID.randomUUID(),
            "d",
            1,
            "tabular-mlp",
            "regression",
            "y",
            List.of(),
            null,
            "random",
            0.2,
            Map.of(),
            1,
            device,
            status,
            null,
            false,
            0,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            0,
            null,
            null,
            "someone",
            T0.plusSeconds(60L * minute),
            null,
            null,
            Map.of(),
            null);
    queue.add(r);
    return r;
  }

  @Test
  void aTenantWithABacklogTakesTurnsWithOneThatQueuedLater() {
    TrainingRun a1 = run(A, "queued", 0);
    TrainingRun a2 = run(A, "queued", 1);
    TrainingRun a3 = run(A, "queued", 2);
    TrainingRun b1 = run(B, "queued", 3);

    FairShare share = FairShare.of(queue, Map.of(), limits(5, 2));

    assertThat(share.place(a1.id()).startsNow()).isTrue();
    assertThat(share.place(b1.id()).startsNow()).as("B's only run jumps A's backlog").isTrue();
    assertThat(share.place(a2.id()).startsNow()).isFalse();
    assertThat(share.place(a2.id()).reason()).contains("all 2 training slots", "2 queued runs");
    assertThat(List.of(a1, b1, a2, a3))
        .extracting(r -> share.place(r.id()).position())
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void whenTenantsTieOnRunningJobsTheOneThatUsedLessCpuLatelyGoesFirst() {
    run(A, "running", 0);
    TrainingRun a2 = run(A, "queued", 1);
    run(B, "running", 2);
    TrainingRun c1 = run(C, "queued", 3);
    TrainingRun b2 = run(B, "queued", 4);

    // A and B each run one; C runs none and goes first although it queued after A.
    FairShare full = FairShare.of(queue, Map.of(A, 50.0, B, 10.0), limits(5, 2));
    assertThat(full.place(c1.id()).position()).isEqualTo(1);
    assertThat(full.place(c1.id()).startsNow()).as("no slot is free").isFalse();
    // Between A and B (one running each), B used less CPU lately: B before A.
    assertThat(full.place(b2.id()).position()).isEqualTo(2);
    assertThat(full.place(a2.id()).position()).isEqualTo(3);

    FairShare oneFree = FairShare.of(queue, Map.of(A, 50.0, B, 10.0), limits(5, 3));
    assertThat(oneFree.place(c1.id()).startsNow()).isTrue();
    assertThat(oneFree.place(b2.id()).startsNow()).isFalse();
  }

  @Test
  void aTenantAtItsCapWaitsWithItsOwnReasonAndDoesNotHoldBackOthers() {
    run(A, "running", 0);
    TrainingRun a2 = run(A, "queued", 1);
    TrainingRun b1 = run(B, "queued", 2);

    FairShare share = FairShare.of(queue, Map.of(), limits(1, 4));

    assertThat(share.place(a2.id()).startsNow()).isFalse();
    assertThat(share.place(a2.id()).reason()).contains("1 of the tenant's 1 concurrent");
    assertThat(share.place(b1.id()).startsNow()).isTrue();
  }

  @Test
  void runningRunsHaveNoPlaceInLine() {
    TrainingRun a1 = run(A, "running", 0);
    assertThat(FairShare.of(queue, Map.of(), limits(2, 2)).place(a1.id())).isNull();
  }

  @Test
  void onANodeWithAGpuARunThatAskedForOneWaitsForTheTenantsGpuAndAutoFallsBackToTheCpu() {
    run(A, "running", 0, "gpu");
    TrainingRun asked = run(A, "queued", 1, "gpu");
    TrainingRun auto = run(A, "queued", 2, "auto");
    TrainingRun ofB = run(B, "queued", 3, "gpu");

    FairShare share =
        FairShare.of(queue, Map.of(), new FairShare.Limits(5, 5, Map.of(A, 1, B, 1), true));

    assertThat(share.place(asked.id()).startsNow()).isFalse();
    assertThat(share.place(asked.id()).reason()).contains("1 GPU jobs at a time");
    assertThat(share.place(auto.id()).startsNow()).isTrue();
    assertThat(share.place(auto.id()).device()).as("no GPU of A is free").isEqualTo("cpu");
    assertThat(share.place(ofB.id()).device()).isEqualTo("gpu");
  }

  @Test
  void onANodeWithoutAGpuEveryRunTrainsOnTheCpu() {
    TrainingRun asked = run(A, "queued", 1, "gpu");
    FairShare share =
        FairShare.of(queue, Map.of(), new FairShare.Limits(5, 5, Map.of(A, 1), false));
    assertThat(share.place(asked.id()).startsNow()).isTrue();
    assertThat(share.place(asked.id()).device()).isEqualTo("cpu");
  }

  @Test
  void aTenantWithoutGpuHoursLeftGetsNoGpuEvenOnAGpuNode() {
    TrainingRun auto = run(A, "queued", 1, "auto");
    FairShare share = FairShare.of(queue, Map.of(), new FairShare.Limits(5, 5, Map.of(), true));
    assertThat(share.place(auto.id()).device()).isEqualTo("cpu");
  }
}
