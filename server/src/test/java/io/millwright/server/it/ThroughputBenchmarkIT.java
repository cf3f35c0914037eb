package io.millwright.server.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Requests per second on a simple tenant endpoint (token verified, tenant resolved, membership
 * checked, request metered) at 16 concurrent clients, against the same clients on the
 * unauthenticated liveness check as a baseline. The clients share the server's two cores.
 */
class ThroughputBenchmarkIT {

  private static final int CLIENTS = 16;
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(15);

  @Test
  void requestsPerSecond() throws Exception {
    assumeTrue(Bench.enabled(), "run with -Dbenchmarks=true");
    Fixtures.TestTenant tenant = Fixtures.tenant("rps");
    String token = tenant.adminToken();
    String tenantUrl = Env.baseUrl() + "/api/tenants/" + tenant.slug();
    String liveUrl = Env.baseUrl() + "/health/live";

    load(tenantUrl, token, WARM_UP);
    Result tenantCalls = load(tenantUrl, token, MEASURE);
    load(liveUrl, null, WARM_UP);
    Result baseline = load(liveUrl, null, MEASURE);

    Bench.report(
        "| GET /api/tenants/{slug}, "
            + CLIENTS
            + " clients | "
            + Bench.f(tenantCalls.perSecond())
            + " req/s ("
            + tenantCalls.errors
            + " errors) | /health/live: "
            + Bench.f(baseline.perSecond())
            + " req/s | ratio "
            + Bench.f(tenantCalls.perSecond() / baseline.perSecond())
            + " |");
  }

  private record Result(long requests, long errors, double seconds) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private static Result load(String url, String token, Duration duration) throws Exception {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      clients.add(
          pool.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
                if (token != null) {
                  b.header("Authorization", "Bearer " + token);
                }
                HttpRequest request = b.build();
                while (System.nanoTime() < end) {
                  try {
                    int status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    (status == 200 ? ok : errors).incrementAndGet();
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> client : clients) {
      client.get();
    }
    pool.shutdown();
    return new Result(ok.get(), errors.get(), (System.nanoTime() - start) / 1e9);
  }
}
