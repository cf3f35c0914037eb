package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.tenancy.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Audit appends per second through the real chain code (advisory lock, head lookup, SHA-256,
 * insert) as the application role: one entry per transaction from one writer and from eight writers
 * on eight tenants, and 100 entries per transaction; against a plain insert of the same rows into
 * an unconstrained temporary table as the baseline.
 */
class AuditBenchmarkIT {

  private static final int SINGLE = 2_000;
  private static final int BATCHES = 200;
  private static final int BATCH = 100;
  private static final int WRITERS = 8;

  private static final AuditEvent EVENT =
      new AuditEvent(
          "bench@example.com",
          AuditEvent.ActorType.USER,
          "bench.append",
          "target",
          AuditEvent.Outcome.SUCCESS,
          "req-bench",
          "127.0.0.1",
          Map.of("k", "v"));

  @Test
  void auditAppendsPerSecond() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    Fixtures.TestTenant tenant = Fixtures.tenant("auditbench");
    TenantId id = TenantId.parse(tenant.id());
    List<TenantId> others = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      others.add(TenantId.parse(Fixtures.tenant("auditw" + i).id()));
    }
    double single;
    double batched;
    try (Connection c = Db.appRole()) {
      c.setAutoCommit(false);
      append(c, id, 200, 1); // warm-up
      single = append(c, id, SINGLE, 1);
      batched = append(c, id, BATCHES, BATCH);
    }
    double concurrent = concurrentSingles(others);
    double baseline;
    // The application role may not create temporary tables; the baseline runs as superuser.
    try (Connection su = Db.superuser()) {
      su.setAutoCommit(false);
      baseline = baseline(su, BATCHES, BATCH);
    }
    Bench.report(
        "| audit appends, one per transaction | one writer: "
            + Bench.f(single)
            + " entries/s; "
            + WRITERS
            + " writers on "
            + WRITERS
            + " tenants: "
            + Bench.f(concurrent)
            + " entries/s | batches of "
            + BATCH
            + ": "
            + Bench.f(batched)
            + " entries/s | plain insert baseline (batches of "
            + BATCH
            + "): "
            + Bench.f(baseline)
            + " rows/s; ratio batched/baseline "
            + Bench.f(batched / baseline)
            + " |");

    Reply verdict = Api.get("/api/tenants/" + tenant.slug() + "/audit/verify", tenant.adminToken());
    assertThat(verdict.json().getBoolean("intact")).isTrue();
  }

  /** Writers on different tenants never wait for each other; their commits share fsyncs. */
  private static double concurrentSingles(List<TenantId> tenants) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tenants.size());
    List<Future<Double>> results = new ArrayList<>();
    long start = System.nanoTime();
    for (TenantId tenant : tenants) {
      results.add(
          pool.submit(
              () -> {
                try (Connection c = Db.appRole()) {
                  c.setAutoCommit(false);
                  return append(c, tenant, SINGLE / 2, 1);
                }
              }));
    }
    for (Future<Double> result : results) {
      result.get();
    }
    pool.shutdown();
    return tenants.size() * (SINGLE / 2.0) / ((System.nanoTime() - start) / 1e9);
  }

  private static double append(Connection c, TenantId id, int transactions, int perTransaction)
      throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < perTransaction; i++) {
      events.add(EVENT);
    }
    long start = System.nanoTime();
    for (int t = 0; t < transactions; t++) {
      AuditTrail.append(c, id, events);
      c.commit();
    }
    return transactions * (double) perTransaction / ((System.nanoTime() - start) / 1e9);
  }

  private static double baseline(Connection c, int transactions, int perTransaction)
      throws Exception {
    c.createStatement()
        .execute(
            "create temp table audit_baseline (tenant_id uuid, seq bigint,"
                + " id uuid, occurred_at timestamptz, actor text, actor_type text, action text, target"
                + " text, outcome text, request_id text, source_address text, details text, prev_hash"
                + " bytea, hash bytea)");
    c.commit();
    byte[] hash = new byte[32];
    long start = System.nanoTime();
    long seq = 0;
    for (int t = 0; t < transactions; t++) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into audit_baseline values (?, ?,"
                  + " gen_random_uuid(), now(), 'bench@example.com', 'USER', 'bench.append', 'target',"
                  + " 'SUCCESS', 'req-bench', '127.0.0.1', '{\"k\":\"v\"}', ?, ?)")) {
        for (int i = 0; i < perTransaction; i++) {
          s.setObject(1, UUID.randomUUID());
          s.setLong(2, ++seq);
          s.setBytes(3, hash);
          s.setBytes(4, hash);
          s.addBatch();
        }
        s.executeBatch();
      }
      c.commit();
    }
    return transactions * (double) perTransaction / ((System.nanoTime() - start) / 1e9);
  }
}
